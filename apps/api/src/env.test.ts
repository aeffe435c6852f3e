import { loadConfig } from "./env";

describe("loadConfig", () => {
  it.each([
    [undefined, 86_400_000],
    ["24h", 86_400_000],
    ["15m", 900_000],
    ["30s", 30_000],
    ["1.5s", 1_500],
    ["2d", 172_800_000],
    ["250ms", 250],
    ["1500", 1_500],
    ["0", 0],
  ])("reads LATCHKEY_REVERIFY_INTERVAL=%s as %d ms", (value, ms) => {
    expect(loadConfig({ LATCHKEY_REVERIFY_INTERVAL: value }).reverifyIntervalMs).toBe(ms);
  });

  it("defaults the network policy to private networks allowed, no allow-list, 64 verifications at once, documents compiled after 2 runs", () => {
    expect(loadConfig({})).toMatchObject({ blockPrivateNetworks: false, allowedHosts: [], verifyConcurrency: 64, compileAfterRuns: 2 });
  });

  it("reads the allow-list and names a bad entry", () => {
    const config = loadConfig({ LATCHKEY_BLOCK_PRIVATE_NETWORKS: "true", LATCHKEY_ALLOWED_HOSTS: " db.internal, 10.0.0.0/8 ,fd00::/8," });
    expect(config).toMatchObject({ blockPrivateNetworks: true, allowedHosts: ["db.internal", "10.0.0.0/8", "fd00::/8"] });
    expect(() => loadConfig({ LATCHKEY_ALLOWED_HOSTS: "db.internal, 10.0.0.0/40" })).toThrow(
      'Invalid configuration: LATCHKEY_ALLOWED_HOSTS must be a comma-separated list of host names and CIDR ranges; "10.0.0.0/40" is neither',
    );
    expect(() => loadConfig({ LATCHKEY_REVERIFY_INTERVAL: "1 hour" })).toThrow(/LATCHKEY_REVERIFY_INTERVAL must be a duration/);
  });

  it("defaults and reads the database timeouts and the shutdown timeout, and names a bad one", () => {
    expect(loadConfig({})).toMatchObject({
      databaseTimeouts: { connectTimeoutMs: 5_000, statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 60_000 },
      shutdownTimeoutMs: 10_000,
    });
    const config = loadConfig({
      DATABASE_CONNECT_TIMEOUT_MS: "1500",
      DATABASE_STATEMENT_TIMEOUT_MS: "0",
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: "20000",
      LATCHKEY_SHUTDOWN_TIMEOUT_MS: "3000",
    });
    expect(config).toMatchObject({
      databaseTimeouts: { connectTimeoutMs: 1_500, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 20_000 },
      shutdownTimeoutMs: 3_000,
    });
    expect(() => loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: "soon" })).toThrow(/^Invalid configuration: DATABASE_STATEMENT_TIMEOUT_MS /);
    expect(() => loadConfig({ DATABASE_CONNECT_TIMEOUT_MS: "0" })).toThrow(/^Invalid configuration: DATABASE_CONNECT_TIMEOUT_MS /);
  });
});
