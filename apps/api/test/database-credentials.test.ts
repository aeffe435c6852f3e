import { randomBytes } from "node:crypto";
import mysql from "mysql2/promise";
import pg from "pg";
import { CreateCredentialDocument, CredentialsDocument } from "@latchkey/sdk";
import { expectNoSecretsIn, reachableOrSkip, requiredPostgresUrl, useApi } from "./harness";

/**
 * PostgreSQL and MariaDB credentials, right and wrong, through the API against the local servers
 * (a role and a user with a password made here). A server that is not running skips its test
 * with a loud message, except under CI=true.
 */
const api = useApi();
const POSTGRES_URL = requiredPostgresUrl();
const PASSWORD = `Db-${randomBytes(10).toString("hex")}`;
const NAME = `latchkey_api_${randomBytes(4).toString("hex")}`;

function available(name: string, ok: boolean): boolean {
  return reachableOrSkip(ok, `${name} is not reachable: the database credential test for it cannot run.`);
}

afterAll(() => expectNoSecretsIn(api().responses, [PASSWORD]));

let created = 0;
/** Each attempt under a name of its own (names are unique per component, and a taken one is refused before any check). */
async function create(componentKey: "postgresql" | "mysql", values: Record<string, unknown>) {
  created += 1;
  const { createCredential } = await api().client.request(CreateCredentialDocument, {
    input: { componentKey, authType: "DATABASE", name: `${componentKey} ${NAME} ${created}`, values },
  });
  return createCredential;
}

it("PostgreSQL: saves a right login as VALID and refuses an unknown user or database, saving nothing", async () => {
  const admin = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2_000 });
  if (!available("PostgreSQL", await admin.connect().then(() => true, () => false))) return;
  await admin.query(`create role ${NAME} login password '${PASSWORD}'`);
  await admin.query(`create database ${NAME} owner ${NAME}`);
  try {
    const server = new URL(POSTGRES_URL);
    const values = { host: server.hostname, port: Number(server.port || 5432), database: NAME, username: NAME, password: PASSWORD };
    expect(await create("postgresql", values)).toMatchObject({
      __typename: "CredentialCreated",
      credential: { status: "VALID", config: { host: server.hostname, database: NAME, username: NAME, ssl: false }, secrets: [{ field: "password" }] },
    });
    expect(await create("postgresql", { ...values, username: `${NAME}_nobody` })).toMatchObject({
      __typename: "VerificationFailed",
      verification: { code: "UNAUTHORIZED", status: "INVALID" },
    });
    expect(await create("postgresql", { ...values, database: `${NAME}_missing` })).toMatchObject({
      __typename: "VerificationFailed",
      message: `PostgreSQL has no database "${NAME}_missing".`,
    });
    const { credentials } = await api().client.request(CredentialsDocument, { filter: { componentKey: "postgresql" } });
    expect(credentials.totalCount).toBe(1);
  } finally {
    await admin.query(`drop database if exists ${NAME} with (force)`);
    await admin.query(`drop role if exists ${NAME}`);
    await admin.end();
  }
});

it("MariaDB: saves a right login as VALID and refuses a wrong password, saving nothing", async () => {
  const admin = await mysql.createConnection({ host: "127.0.0.1", port: 3306, user: "root", password: "", connectTimeout: 2_000 }).catch(() => undefined);
  if (!available("MariaDB at 127.0.0.1:3306", admin !== undefined)) return;
  await admin!.query(`create database ${NAME}`);
  await admin!.query(`create user '${NAME}'@'%' identified by '${PASSWORD}'`);
  await admin!.query(`grant all on ${NAME}.* to '${NAME}'@'%'`);
  try {
    const values = { host: "127.0.0.1", port: 3306, database: NAME, username: NAME, password: PASSWORD };
    expect(await create("mysql", values)).toMatchObject({ __typename: "CredentialCreated", credential: { status: "VALID" } });
    expect(await create("mysql", { ...values, password: `${PASSWORD}x` })).toMatchObject({
      __typename: "VerificationFailed",
      verification: { code: "UNAUTHORIZED", status: "INVALID", message: `MySQL rejected the login: wrong password, or no user "${NAME}".` },
    });
    const { credentials } = await api().client.request(CredentialsDocument, { filter: { componentKey: "mysql" } });
    expect(credentials.totalCount).toBe(1);
  } finally {
    await admin!.query(`drop user if exists '${NAME}'@'%'`);
    await admin!.query(`drop database if exists ${NAME}`);
    await admin!.end();
  }
});
