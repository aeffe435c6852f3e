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
});
