// For tests and support scripts that use the services in-process, on a database they opened
// themselves (no API running): the services wired as offline as they can be, and query plans.
import { randomBytes } from "node:crypto";
import { catalogDescriptors } from "@latchkey/catalog";
import { createServices, Keyring, parseCatalog, parseEncryptionKey, type NetworkPolicy, type Services } from "@latchkey/core";
import type { Database } from "@latchkey/db";

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
