import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import net, { type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import mysql from "mysql2/promise";
import pg from "pg";
import { catalogDescriptors } from "@latchkey/catalog";
import { parseComponentDescriptor } from "../components/descriptor-schema";
import { createNetworkPolicy, type NetworkPolicy } from "../network/network-policy";
import type { CredentialValues, VerificationResult } from "../types";
import { verifyCredential } from "./registry";
import type { VerifierOptions } from "./verifier";

/**
 * DATABASE verification against real servers: the local PostgreSQL (a role and a database made
 * here), a throwaway PostgreSQL cluster with password authentication (the shared one trusts
 * loopback, so it cannot reject a wrong password), and the local MariaDB. A missing server skips
 * its tests with a loud message, except under CI=true, where it fails them.
 */
const execFileAsync = promisify(execFile);
const POSTGRES_URL = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const MARIADB = { host: "127.0.0.1", port: 3306, user: "root", password: "" };
const PASSWORD = `pw-${randomBytes(12).toString("hex")}`;
const suffix = randomBytes(4).toString("hex");
const ROLE = `latchkey_verify_${suffix}`;

const listeners: net.Server[] = [];
const sockets = new Set<net.Socket>();
let silentPort: number;
let closedPort: number;

function requireService(name: string, available: boolean): boolean {
  if (available) return true;
  const message = `${name} is not reachable: its database verifier tests cannot run.`;
  if (process.env.CI === "true") throw new Error(message);
  console.warn(`\n*** SKIPPED: ${message} Start it to run them. ***\n`);
  return false;
}

function options(timeoutMs = 5_000, networkPolicy: NetworkPolicy = createNetworkPolicy()): VerifierOptions {
  return { timeoutMs, serverUrl: "http://127.0.0.1", baseUrlOverrides: {}, networkPolicy };
}

async function verify(engine: "postgresql" | "mysql", values: CredentialValues, opts = options()): Promise<VerificationResult> {
  const parsed = parseComponentDescriptor(catalogDescriptors.find((entry) => (entry as { key: string }).key === engine));
  if (!parsed.ok) throw new Error("catalog descriptor does not parse");
  const descriptor = parsed.descriptor;
  const result = await verifyCredential({ descriptor, method: descriptor.authMethods[0]!, values }, opts);
  if (values.password) expect(JSON.stringify(result)).not.toContain(String(values.password));
  return result;
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  listeners.push(server);
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  // Accepts connections and never says a word.
  silentPort = await listen(
    net.createServer((socket) => {
      sockets.add(socket);
      socket.resume(); // reads and drops what the client says, so it notices the client hanging up
      socket.on("close", () => sockets.delete(socket));
    }),
  );
  const closed = net.createServer();
  closedPort = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
  listeners.splice(listeners.indexOf(closed), 1);
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  for (const server of listeners) await new Promise((resolve) => server.close(resolve));
});

describe("network failures (no database server needed)", () => {
  const base = { host: "127.0.0.1", database: "app", username: "app", password: PASSWORD, ssl: false };

  it.each(["postgresql", "mysql"] as const)("%s: a refused port is UNREACHABLE", async (engine) => {
    const result = await verify(engine, { ...base, port: closedPort });
    expect(result).toMatchObject({
      ok: false,
      code: "UNREACHABLE",
      status: "UNREACHABLE",
      message: expect.stringContaining(`could not be reached at 127.0.0.1:${closedPort}: the connection was refused.`),
    });
  });

  it.each(["postgresql", "mysql"] as const)("%s: an unknown host is UNREACHABLE", async (engine) => {
    const result = await verify(engine, { ...base, host: "no-such-host.invalid", port: 5432 });
    expect(result).toMatchObject({ code: "UNREACHABLE", message: expect.stringMatching(/no-such-host\.invalid:5432: the host name (does not|could not be) resolve/) });
  });

  it.each(["postgresql", "mysql"] as const)("%s: a server that never answers is TIMEOUT, within the timeout, and the socket is closed", async (engine) => {
    const server = listeners[0]!;
    const before = await connectionCount(server);
    const started = Date.now();
    const result = await verify(engine, { ...base, port: silentPort }, options(400));
    expect(result).toMatchObject({ ok: false, code: "TIMEOUT", status: "UNREACHABLE", message: expect.stringMatching(/did not answer within 400 ms\.$/) });
    expect(Date.now() - started).toBeLessThan(3_000);
    await waitFor(async () => (await connectionCount(server)) === before);
  });

  it.each(["postgresql", "mysql"] as const)("%s: a blocked target is BLOCKED_TARGET and is not contacted", async (engine) => {
    let contacted = 0;
    const server = net.createServer((socket) => {
      contacted++;
      socket.destroy();
    });
    const port = await listen(server);
    const blocking = createNetworkPolicy({ blockPrivateNetworks: true });
    for (const host of ["127.0.0.1", "localhost"]) {
      const result = await verify(engine, { ...base, host, port }, options(2_000, blocking));
      expect(result).toMatchObject({ ok: false, code: "BLOCKED_TARGET", message: expect.stringContaining("127.0.0.0/8 is loopback") });
    }
    const metadata = await verify(engine, { ...base, host: "169.254.169.254", port }, options());
    expect(metadata).toMatchObject({ code: "BLOCKED_TARGET", message: expect.stringContaining("169.254.0.0/16 is link-local") });
    expect(contacted).toBe(0);
  });
});

describe("PostgreSQL", () => {
  let available = false;
  let admin: pg.Client;
  const database = `latchkey_verify_db_${suffix}`;
  const server = new URL(POSTGRES_URL);
  const values = () => ({ host: server.hostname, port: Number(server.port || 5432), database, username: ROLE, password: PASSWORD, ssl: false });

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2_000 });
    available = await admin.connect().then(
      () => true,
      () => false,
    );
    if (!requireService(`PostgreSQL at ${server.host}`, available)) return;
    await admin.query(`create role ${ROLE} login password '${PASSWORD}'`);
    await admin.query(`create database ${database} owner ${ROLE}`);
  });

  afterAll(async () => {
    if (!available) return;
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.query(`drop role if exists ${ROLE}`);
    await admin.end();
  });

  it("accepts a role with its password: connect, SELECT 1, close (no session left behind)", async () => {
    if (!available) return;
    const result = await verify("postgresql", values());
    expect(result).toMatchObject({ ok: true, code: "OK", status: "VALID", message: `PostgreSQL accepted user "${ROLE}" on database "${database}".` });
    await waitFor(async () => (await admin.query("select count(*)::int as n from pg_stat_activity where usename = $1", [ROLE])).rows[0].n === 0);
  });

  it("answers UNAUTHORIZED for an unknown user (28000)", async () => {
    if (!available) return;
    const result = await verify("postgresql", { ...values(), username: `${ROLE}_nobody` });
    expect(result).toMatchObject({ ok: false, code: "UNAUTHORIZED", status: "INVALID", message: expect.stringContaining(`no user "${ROLE}_nobody"`) });
  });

  it("answers UNAUTHORIZED naming an unknown database (3D000)", async () => {
    if (!available) return;
    const result = await verify("postgresql", { ...values(), database: "no_such_database_here" });
    expect(result).toMatchObject({ ok: false, code: "UNAUTHORIZED", status: "INVALID", message: 'PostgreSQL has no database "no_such_database_here".' });
  });

  it("honours ssl: a server without TLS is a clear UNREACHABLE, not a hang", async () => {
    if (!available) return;
    const ssl = await admin.query("show ssl");
    if (ssl.rows[0].ssl === "on") return console.warn("PostgreSQL has TLS on: the no-TLS case is covered by MariaDB only.");
    const result = await verify("postgresql", { ...values(), ssl: true });
    expect(result).toMatchObject({ ok: false, code: "UNREACHABLE", status: "UNREACHABLE", message: expect.stringContaining("TLS could not be set up") });
  });

  describe("with password authentication (a throwaway cluster)", () => {
    let cluster: PasswordCluster | undefined;
    beforeAll(async () => {
      cluster = await startPasswordCluster();
      requireService("A PostgreSQL cluster with password authentication (initdb, run as root or postgres)", cluster !== undefined);
    }, 60_000);
    afterAll(async () => cluster?.stop(), 30_000);

    it("accepts the right password and answers UNAUTHORIZED for a wrong one (28P01)", async () => {
      if (!cluster) return;
      const base = { host: "127.0.0.1", port: cluster.port, database: "postgres", username: "postgres", ssl: false };
      expect(await verify("postgresql", { ...base, password: cluster.password })).toMatchObject({ ok: true, code: "OK" });
      const wrong = await verify("postgresql", { ...base, password: `${cluster.password}-wrong` });
      expect(wrong).toMatchObject({
        ok: false,
        code: "UNAUTHORIZED",
        status: "INVALID",
        message: 'PostgreSQL rejected the login: wrong password, or no user "postgres".',
      });
    });
  });
});

describe("MariaDB / MySQL", () => {
  let available = false;
  let admin: mysql.Connection | undefined;
  const database = `latchkey_verify_db_${suffix}`;
  const values = () => ({ host: MARIADB.host, port: MARIADB.port, database, username: ROLE, password: PASSWORD, ssl: false });

  beforeAll(async () => {
    admin = await mysql.createConnection({ ...MARIADB, connectTimeout: 2_000 }).catch(() => undefined);
    available = admin !== undefined;
    if (!requireService(`MariaDB at ${MARIADB.host}:${MARIADB.port}`, available)) return;
    await admin!.query(`create database ${database}`);
    await admin!.query(`create user '${ROLE}'@'%' identified by '${PASSWORD}'`);
    await admin!.query(`grant all on ${database}.* to '${ROLE}'@'%'`);
  });

  afterAll(async () => {
    if (!admin) return;
    await admin.query(`drop user if exists '${ROLE}'@'%'`);
    await admin.query(`drop database if exists ${database}`);
    await admin.end();
  });

  it("accepts a user with its password: connect, SELECT 1, close (no session left behind)", async () => {
    if (!available) return;
    const result = await verify("mysql", values());
    expect(result).toMatchObject({ ok: true, code: "OK", status: "VALID", message: `MySQL accepted user "${ROLE}" on database "${database}".` });
    await waitFor(async () => {
      const [rows] = await admin!.query("select count(*) as n from information_schema.processlist where user = ?", [ROLE]);
      return Number((rows as { n: number }[])[0]!.n) === 0;
    });
  });

  it.each([
    ["a wrong password", { password: `${PASSWORD}-wrong` }],
    ["an unknown user", { username: `${ROLE}_x` }],
  ])("answers UNAUTHORIZED for %s (ER_ACCESS_DENIED_ERROR)", async (_case, change) => {
    if (!available) return;
    const result = await verify("mysql", { ...values(), ...change });
    expect(result).toMatchObject({ ok: false, code: "UNAUTHORIZED", status: "INVALID", message: expect.stringContaining("rejected the login") });
  });

  it("answers UNAUTHORIZED naming a database the user may not use or that does not exist (ER_DBACCESS_DENIED_ERROR)", async () => {
    if (!available) return;
    const result = await verify("mysql", { ...values(), database: "no_such_database_here" });
    expect(result).toMatchObject({
      ok: false,
      code: "UNAUTHORIZED",
      message: `MySQL does not let user "${ROLE}" use database "no_such_database_here", or it does not exist.`,
    });
  });

  it("answers UNAUTHORIZED naming an unknown database for a user that may see every database (ER_BAD_DB_ERROR)", async () => {
    if (!available) return;
    const result = await verify("mysql", { ...values(), username: MARIADB.user, password: MARIADB.password, database: "no_such_database_here" });
    expect(result).toMatchObject({ ok: false, code: "UNAUTHORIZED", message: 'MySQL has no database "no_such_database_here".' });
  });

  it("honours ssl: a server without TLS is a clear UNREACHABLE, not a hang", async () => {
    if (!available) return;
    const [rows] = await admin!.query("show variables like 'have_ssl'");
    if ((rows as { Value: string }[])[0]?.Value === "YES") return console.warn("MariaDB has TLS on: the no-TLS case is covered by PostgreSQL only.");
    const result = await verify("mysql", { ...values(), ssl: true });
    expect(result).toMatchObject({
      ok: false,
      code: "UNREACHABLE",
      status: "UNREACHABLE",
      message: expect.stringContaining("the server does not accept TLS connections"),
    });
  });
});

async function connectionCount(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface PasswordCluster {
  port: number;
  password: string;
  stop(): Promise<void>;
}

/** A private PostgreSQL cluster with scram-sha-256 for every connection; undefined where none can be made. */
async function startPasswordCluster(): Promise<PasswordCluster | undefined> {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const bin = versions.map((v) => path.join(root, v, "bin")).find((dir) => existsSync(path.join(dir, "initdb")));
  const isRoot = process.getuid?.() === 0;
  if (!bin) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), "latchkey-pg-"));
  const password = `cluster-${randomBytes(8).toString("hex")}`;
  writeFileSync(path.join(dir, "pwfile"), password);
  const run = async (command: string, args: string[]) =>
    isRoot ? execFileAsync("runuser", ["-u", "postgres", "--", command, ...args]) : execFileAsync(command, args);
  try {
    if (isRoot) {
      const { stdout } = await execFileAsync("id", ["-u", "postgres"]);
      const { stdout: gid } = await execFileAsync("id", ["-g", "postgres"]);
      chownSync(dir, Number(stdout), Number(gid));
      chownSync(path.join(dir, "pwfile"), Number(stdout), Number(gid));
    }
    const data = path.join(dir, "data");
    await run(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "scram-sha-256", `--pwfile=${path.join(dir, "pwfile")}`, "--no-sync"]);
    const port = await freePort();
    await run(path.join(bin, "pg_ctl"), [
      "-D",
      data,
      "-w",
      "-l",
      path.join(dir, "log"),
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      "start",
    ]);
    return {
      port,
      password,
      stop: async () => {
        await run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    console.warn(`Could not start a PostgreSQL cluster: ${(error as Error).message}`);
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
