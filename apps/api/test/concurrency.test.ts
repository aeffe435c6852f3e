import { randomBytes } from "node:crypto";
import pg from "pg";
import {
  ActivateFlowDocument,
  CreateFlowDocument,
  DeleteCredentialDocument,
  SetStepCredentialDocument,
} from "@latchkey/sdk";
import { createCredential, createTestDatabase, postgresOrSkip, requiredPostgresUrl, signInOutcomes, startApis, type TestApi, type TestDatabase } from "./harness";

/**
 * PRODUCT.md rule 6 under concurrency: two API processes on one PostgreSQL race
 * deleteCredential against activateFlow and setStepCredential. No interleaving may leave an
 * ACTIVE flow with a step whose credential is missing or not VALID. And the sign-in limit, from
 * both processes at once.
 */
const ROUNDS = Number(process.env.LATCHKEY_RACE_ROUNDS ?? 100);
const serverUrl = requiredPostgresUrl();

let available = false;
let database: TestDatabase | undefined;
let a: TestApi | undefined;
let b: TestApi | undefined;

beforeAll(async () => {
  available = await postgresOrSkip(serverUrl, "the concurrency test");
  if (!available) return;
  database = await createTestDatabase(serverUrl);
  const env = { LATCHKEY_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
  // Both start (and migrate) at once, as replicas behind a load balancer would.
  [a, b] = await startApis({ env, databaseUrl: database.url }, { env, databaseUrl: database.url });
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.drop();
});

async function newPetstoreCredential(api: TestApi): Promise<string> {
  return (await createCredential(api.client, { componentKey: "petstore", authType: "API_KEY", values: { apiKey: "secret" } })).id;
}

async function newFlow(api: TestApi, credentialId: string, name: string) {
  const { createFlow } = await api.client.request(CreateFlowDocument, {
    input: { name, steps: [{ componentKey: "petstore", credentialId }] },
  });
  if (createFlow.__typename !== "FlowSaved") throw new Error(createFlow.__typename);
  return createFlow.flow;
}

/** Starts a request after up to `maxMs`, so both orders of arrival occur across rounds. */
async function jittered<T>(request: () => Promise<T>, maxMs: number): Promise<T> {
  await new Promise((resolve) => setTimeout(resolve, Math.random() * maxMs));
  return request();
}

/** Alternates which side gets the head start: deleteCredential is the quicker operation. */
const headStart = (round: number) => ({ del: round % 2 === 0 ? 4 : 0, other: round % 2 === 0 ? 0 : 2 });

async function brokenActiveFlows(): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: database!.url });
  await client.connect();
  try {
    const { rows } = await client.query(`
      select f.id, f.name, s.position, s.credential_id, c.status
      from flows f
      join flow_steps s on s.flow_id = f.id
      left join credentials c on c.id = s.credential_id
      where f.status = 'ACTIVE' and (c.id is null or c.status <> 'VALID')`);
    return rows;
  } finally {
    await client.end();
  }
}

test(`deleteCredential racing activateFlow, ${ROUNDS} rounds`, async () => {
  if (!available) return;
  const outcomes = { activated: 0, deleted: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const credentialId = await newPetstoreCredential(a!);
    const flow = await newFlow(a!, credentialId, `race ${round}`);
    const [deleted, activated] = await Promise.all([
      jittered(() => a!.client.request(DeleteCredentialDocument, { input: { id: credentialId } }), headStart(round).del),
      jittered(() => b!.client.request(ActivateFlowDocument, { input: { id: flow.id } }), headStart(round).other),
    ]);
    const deleteWon = deleted.deleteCredential.__typename === "CredentialDeleted";
    const activateWon = activated.activateFlow.__typename === "FlowSaved";
    // Exactly one side wins: never both (the bug), never neither.
    expect({ round, deleteWon, activateWon }).toEqual({ round, deleteWon: !activateWon, activateWon: !deleteWon });
    if (activateWon) expect(deleted.deleteCredential.__typename).toBe("CredentialInUse");
    else expect(activated.activateFlow.__typename).toBe("FlowNotReady");
    outcomes[activateWon ? "activated" : "deleted"]++;
  }
  expect(await brokenActiveFlows()).toEqual([]);
  console.info(`activateFlow vs deleteCredential: ${outcomes.activated} activated first, ${outcomes.deleted} deleted first`);
}, 300_000);

test(`deleteCredential racing setStepCredential on an ACTIVE flow, ${ROUNDS} rounds`, async () => {
  if (!available) return;
  const flow = await newFlow(a!, await newPetstoreCredential(a!), "active flow under race");
  const activated = await a!.client.request(ActivateFlowDocument, { input: { id: flow.id } });
  expect(activated.activateFlow.__typename).toBe("FlowSaved");
  const stepId = flow.steps[0]!.id;
  const outcomes = { pointed: 0, deleted: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const credentialId = await newPetstoreCredential(a!);
    const [deleted, pointed] = await Promise.all([
      jittered(() => a!.client.request(DeleteCredentialDocument, { input: { id: credentialId } }), headStart(round).del),
      jittered(() => b!.client.request(SetStepCredentialDocument, { input: { stepId, credentialId } }), headStart(round).other),
    ]);
    const deleteWon = deleted.deleteCredential.__typename === "CredentialDeleted";
    const pointWon = pointed.setStepCredential.__typename === "FlowSaved";
    expect({ round, deleteWon, pointWon }).toEqual({ round, deleteWon: !pointWon, pointWon: !deleteWon });
    outcomes[pointWon ? "pointed" : "deleted"]++;
  }
  expect(await brokenActiveFlows()).toEqual([]);
  console.info(`setStepCredential vs deleteCredential: ${outcomes.pointed} pointed first, ${outcomes.deleted} deleted first`);
}, 300_000);

test("30 wrong sign-ins for one account, sent to two processes at once: exactly 5 passwords are checked", async () => {
  if (!available) return;
  const person = await a!.createPerson("VIEWER");
  const answers = await Promise.all(
    Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? a! : b!).signIn(person.email, `wrong password ${i}`, { address: "203.0.113.60" })),
  );
  expect(signInOutcomes(answers)).toEqual({ checked: 5, limited: 25 });
  // The account stays locked on both processes, for the right password too.
  for (const api of [a!, b!]) {
    expect(await api.signIn(person.email, person.password, { address: "203.0.113.61" })).toMatchObject({ result: "SignInFailed", message: expect.stringMatching(/^Too many/) });
  }
});
