import { randomBytes, randomUUID } from "node:crypto";
import { catalogDescriptors } from "@latchkey/catalog";
import { createNetworkPolicy, createServices, destinationOf, Keyring, parseCatalog, parseEncryptionKey, sealSecrets, secretHint, withAuditActor } from "@latchkey/core";
import { components, credentials, eq, flows, flowSteps, openDatabase, sql } from "@latchkey/db";

export interface SeedPlan {
  credentials: number;
  components: number;
  flows: number;
  /** Flows that use the "hot" credential (case 3). */
  hotUsage: number;
  /** Credentials that case 6 re-verifies. */
  reverify: number;
}

export interface Seeded {
  /** The first owner's workspace, which the seed fills. */
  workspaceId: string;
  /** The owner's READ + WRITE + CREDENTIALS_USE API token: what the bench sends. */
  token: string;
  /** The owner's sign-in, for what only people may read (the audit log). */
  owner: { email: string; password: string };
  /** A credential used by `hotUsage` flows (case 3). */
  hotCredentialId: string;
  /** A credential used by an ACTIVE flow (case 4: deleteCredential answers CredentialInUse). */
  inUseCredentialId: string;
  /** The name of the credential at 90% of the list (case 1, deep page). */
  deepName: string;
  /** The credentials case 6 re-verifies, spread over the whole list. */
  reverifyIds: string[];
  /** Keys of the registered components; their base URL is overridden to the slow endpoint. */
  benchComponentKeys: string[];
  timings: Record<string, number>;
}

const BATCH = 1_000;
/** The secret every seeded credential's slow endpoint accepts (case 6 verifies them all OK). */
export const BENCH_API_KEY = "bench-api-key-accepted-by-the-slow-endpoint";

export const accountName = (i: number) => `Account ${String(i).padStart(6, "0")}`;

async function timed<T>(timings: Record<string, number>, label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings[label] = Math.round(performance.now() - started);
  }
}

/**
 * Sets up the first owner of a new database and their READ + WRITE API token through the access
 * service (what the API's setupFirstOwner and createApiToken run), then fills the owner's workspace
 * straight through the db package: bulk inserts of 1,000 rows per statement. Every credential's
 * secrets are sealed on their own (the secret box binds workspace and credential id as additional
 * data, so no ciphertext can be shared between rows).
 */
export async function seed(target: { url?: string; dataDir: string; encryptionKey: string }, plan: SeedPlan): Promise<Seeded> {
  const timings: Record<string, number> = {};
  const handle = await openDatabase({ url: target.url, dataDir: target.dataDir });
  const { db } = handle;
  // Nothing here verifies: the policy is only what the services need to exist.
  const networkPolicy = createNetworkPolicy();
  try {
    const keyring = new Keyring(parseEncryptionKey(target.encryptionKey));
    const catalog = parseCatalog(catalogDescriptors);
    const services = createServices({ db, keyring, catalog, verifier: { timeoutMs: 10_000, serverUrl: "", baseUrlOverrides: {}, networkPolicy } });

    // The first owner and their workspace (which gets the built-in catalog), then the token, made
    // as the owner the way the API's createApiToken makes it (the audit log names them).
    const { workspaceId, token, owner } = await timed(timings, "owner", async () => {
      const owner = { name: "Bench Owner", email: "bench@latchkey.local", password: randomBytes(16).toString("base64url"), workspaceName: "Bench" };
      const setup = await services.access.setupFirstOwner(owner);
      if (setup.__typename !== "SignedIn" || !setup.workspace) throw new Error(`setupFirstOwner: ${JSON.stringify(setup).slice(0, 500)}`);
      const { person, workspace } = setup;
      const actor = { type: "person", id: person.id, name: person.name, remoteAddress: null } as const;
      const created = await withAuditActor(actor, () => services.access.createApiToken(workspace.id, person.id, { name: "bench", scopes: ["read", "write", "credentials:use"] }));
      if ("__typename" in created) throw new Error(`createApiToken: ${JSON.stringify(created).slice(0, 500)}`);
      return { workspaceId: workspace.id, token: created.secret, owner: { email: owner.email, password: owner.password } };
    });

    // Registered components fill the workspace up to plan.components; they copy the Petstore
    // descriptor, and credentials are spread over them.
    const petstore = catalog.find((d) => d.key === "petstore")!;
    const benchComponentKeys = Array.from({ length: plan.components - catalog.length }, (_, i) => `bench-${String(i).padStart(3, "0")}`);
    await timed(timings, "components", async () => {
      for (const key of benchComponentKeys) {
        const result = await services.components.register(workspaceId, { ...petstore, key, name: `Bench ${key}`, baseUrl: "http://127.0.0.1:9/v2" });
        if (result.__typename !== "ComponentRegistered") throw new Error(`registering ${key}: ${JSON.stringify(result)}`);
      }
    });
    const componentIds = new Map(
      (await db.select({ id: components.id, key: components.key }).from(components).where(eq(components.workspaceId, workspaceId))).map((c) => [c.key, c.id]),
    );
    const benchComponentIds = benchComponentKeys.map((k) => componentIds.get(k)!);
    // Where the API (with its base URL overrides for these keys) sends their keys; the seeded secrets are bound there.
    const benchDestinations = benchComponentKeys.map((key) =>
      destinationOf({ ...petstore, key, baseUrl: "http://127.0.0.1:9/v2" }, petstore.authMethods[0]!, {}, { serverUrl: "", baseUrlOverrides: { [key]: "operator" } }),
    );

    const ids = Array.from({ length: plan.credentials }, () => randomUUID());
    const checkedAt = new Date();
    const lastVerification = { ok: true, code: "OK", status: "VALID", message: "Verified.", checkedAt: checkedAt.toISOString(), durationMs: 42 };
    const field = petstore.authMethods[0]!.fields[0]!;
    await timed(timings, "credentials", async () => {
      for (let start = 0; start < plan.credentials; start += BATCH) {
        const rows = ids.slice(start, start + BATCH).map((id, offset) => {
          const i = start + offset;
          return {
            id,
            workspaceId,
            componentId: benchComponentIds[i % benchComponentIds.length]!,
            name: accountName(i),
            authType: "API_KEY",
            config: {},
            secrets: sealSecrets(keyring, { apiKey: BENCH_API_KEY }, { workspaceId, credentialId: id }),
            secretHints: [{ field: field.name, hint: secretHint(field, BENCH_API_KEY) }],
            destination: benchDestinations[i % benchComponentIds.length]!,
            status: "VALID",
            lastVerification,
            verifiedAt: checkedAt,
          };
        });
        await db.insert(credentials).values(rows);
      }
    });

    // Flows: one step each. The hot credential is used by plan.hotUsage flows, the in-use one by an
    // ACTIVE flow; the other steps point at credentials round robin, one flow in ten is ACTIVE.
    const hotCredentialId = ids[0]!;
    const inUseCredentialId = ids[1]!;
    await timed(timings, "flows", async () => {
      for (let start = 0; start < plan.flows; start += BATCH) {
        const flowRows = [];
        const stepRows = [];
        for (let i = start; i < Math.min(start + BATCH, plan.flows); i++) {
          const flowId = randomUUID();
          const credentialIndex = i < plan.hotUsage ? 0 : i === plan.hotUsage ? 1 : 2 + (i % (plan.credentials - 2));
          const status = i === plan.hotUsage || i % 10 === 0 ? "ACTIVE" : "INACTIVE";
          flowRows.push({ id: flowId, workspaceId, name: `Flow ${String(i).padStart(6, "0")}`, status } as const);
          stepRows.push({
            id: randomUUID(),
            workspaceId,
            flowId,
            position: 0,
            name: "Fetch",
            componentId: benchComponentIds[credentialIndex % benchComponentIds.length]!,
            credentialId: ids[credentialIndex]!,
          });
        }
        await db.insert(flows).values(flowRows);
        await db.insert(flowSteps).values(stepRows);
      }
    });
    // The bulk inserts above bypass the services, which keep each component's count as they add.
    await timed(timings, "counts", () =>
      db.execute(sql`
        update components set credential_count = counted.n
        from (select component_id, count(*)::int as n from credentials group by component_id) as counted
        where components.id = counted.component_id`),
    );
    // PostgreSQL's autovacuum would analyze the new rows within a minute; here at once, so the run
    // does not depend on when it comes. PGlite has none: the API analyzes them itself when it opens
    // the database (packages/db/src/pglite-maintenance.ts), and that is what the bench measures.
    if (handle.kind === "postgres") await timed(timings, "analyze", () => db.execute(sql`analyze`));

    const stride = Math.max(1, Math.floor(plan.credentials / plan.reverify));
    return {
      workspaceId,
      token,
      owner,
      hotCredentialId,
      inUseCredentialId,
      deepName: accountName(Math.floor(plan.credentials * 0.9)),
      reverifyIds: Array.from({ length: Math.min(plan.reverify, plan.credentials) }, (_, k) => ids[k * stride]!),
      benchComponentKeys,
      timings,
    };
  } finally {
    await networkPolicy.close();
    await handle.close();
  }
}
