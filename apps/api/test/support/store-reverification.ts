// Stores VERIFICATION_HISTORY_LIMIT + 5 re-verifications of one credential straight through the
// store (test only), then prints what the database holds. One JSON line.
import { randomUUID } from "node:crypto";
import { catalogDescriptors } from "@latchkey/catalog";
import { parseCatalog, syncCatalog } from "@latchkey/core";
import { storeReverification, VERIFICATION_HISTORY_LIMIT } from "../../../../packages/core/src/credentials/credential-store";
import { and, auditEvents, components, credentials, eq, openDatabase, verificationResults, workspaces } from "@latchkey/db";

const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.LATCHKEY_DATA_DIR! });
try {
  const { db } = handle;
  const workspaceId = randomUUID();
  await db.insert(workspaces).values({ id: workspaceId, name: "Store test", slug: `store-${workspaceId}` });
  await syncCatalog(db, workspaceId, parseCatalog(catalogDescriptors));
  const [component] = await db.select().from(components).where(and(eq(components.workspaceId, workspaceId), eq(components.key, "petstore")));
  const credentialId = randomUUID();
  await db.insert(credentials).values({
    id: credentialId, workspaceId, componentId: component!.id, name: "Store test", authType: "API_KEY",
    config: {}, secrets: "sealed", secretHints: [], status: "UNVERIFIED",
  });
  const result = (i: number) => ({
    ok: i % 2 === 0,
    code: i % 2 === 0 ? ("OK" as const) : ("UNAUTHORIZED" as const),
    status: i % 2 === 0 ? ("VALID" as const) : ("INVALID" as const),
    message: `check ${i}`,
    checkedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
    durationMs: i,
  });
  const stores = VERIFICATION_HISTORY_LIMIT + 5;
  // A scheduled re-verification's lease: storing a result clears it.
  await db.update(credentials).set({ verifyLeaseUntil: new Date(Date.now() + 3_600_000) }).where(eq(credentials.id, credentialId));
  for (let i = 0; i < stores; i++) await storeReverification(db, workspaceId, credentialId, result(i));
  const history = await db.select().from(verificationResults).where(eq(verificationResults.credentialId, credentialId));
  // A result older than the stored one (a slower concurrent verification) only joins the history.
  const older = await storeReverification(db, workspaceId, credentialId, result(1));
  const [row] = await db.select().from(credentials).where(eq(credentials.id, credentialId));
  const historyAfterOlder = await db.select().from(verificationResults).where(eq(verificationResults.credentialId, credentialId));
  const audited = await db.select().from(auditEvents).where(and(eq(auditEvents.objectId, credentialId), eq(auditEvents.action, "credential.verify")));
  const missing = await storeReverification(db, workspaceId, randomUUID(), result(0));
  const foreign = await storeReverification(db, randomUUID(), credentialId, result(0));
  console.log(JSON.stringify({
    limit: VERIFICATION_HISTORY_LIMIT,
    status: row!.status,
    message: row!.lastVerification?.message,
    verifiedAt: row!.verifiedAt?.toISOString(),
    expectedVerifiedAt: result(stores - 1).checkedAt.toISOString(),
    lease: row!.verifyLeaseUntil,
    history: history.length,
    oldestKept: Math.min(...history.map((h) => h.durationMs)),
    olderTaken: older?.updatedAt !== null,
    historyAfterOlder: historyAfterOlder.length,
    audited: audited.length,
    auditWorkspace: audited.every((a) => a.workspaceId === workspaceId && a.actorType === "system"),
    missing: missing ?? null,
    foreign: foreign ?? null,
  }));
} finally {
  await handle.close();
}
