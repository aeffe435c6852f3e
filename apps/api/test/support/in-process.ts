// For tests and support scripts that use the services in-process, on a database they opened
// themselves (no API running): the services wired as offline as they can be, and query plans.
import { randomBytes } from "node:crypto";
import { catalogDescriptors } from "@latchkey/catalog";
import { createNetworkPolicy, createServices, Keyring, parseCatalog, parseEncryptionKey, type NetworkPolicy, type Services } from "@latchkey/core";
import { openDatabase, type Database, type DatabaseHandle } from "@latchkey/db";

/** A keyring of one random key (nothing sealed with it outlives the test). */
export function randomKeyring(): Keyring {
  return new Keyring(parseEncryptionKey(randomBytes(32).toString("base64")));
}

/** The services on `db` with the built-in catalog and a verifier that reaches nothing configured. */
export function offlineServices(db: Database, networkPolicy: NetworkPolicy, keyring: Keyring = randomKeyring()): Services {
  return createServices({
    db,
    keyring,
    catalog: parseCatalog(catalogDescriptors),
    verifier: { timeoutMs: 1_000, serverUrl: "", baseUrlOverrides: {}, networkPolicy },
  });
}

/**
 * Opens the database the support script was given (DATABASE_URL, else PGlite in LATCHKEY_DATA_DIR),
 * sets up a first owner named `ownerName` (email at `domain`), runs `work` with the offline services
 * and the owner's workspace, and closes everything.
 */
export async function withFirstWorkspace<T>(
  ownerName: string,
  domain: string,
  work: (setup: { handle: DatabaseHandle; services: Services; workspaceId: string }) => Promise<T>,
  options: { countStatements?: boolean } = {},
): Promise<T> {
  const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.LATCHKEY_DATA_DIR!, countStatements: options.countStatements });
  const networkPolicy = createNetworkPolicy();
  try {
    const services = offlineServices(handle.db, networkPolicy);
    const setup = await services.access.setupFirstOwner({ name: ownerName, email: `owner@${domain}`, password: "long enough password" });
    if (setup.__typename !== "SignedIn" || !setup.workspace) throw new Error(setup.__typename);
    return await work({ handle, services, workspaceId: setup.workspace.id });
  } finally {
    await handle.close();
    await networkPolicy.close();
  }
}

/** A node of `EXPLAIN (FORMAT JSON)`'s plan, with the fields the plan tests read. */
export interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Plan Rows": number;
  Plans?: PlanNode[];
}

/** Every node of a plan, the root first. */
export function* walkPlan(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const child of node.Plans ?? []) yield* walkPlan(child);
}
