// Stores VERIFICATION_HISTORY_LIMIT + 5 re-verifications of one credential straight through the
// store (test only), one at a time, then a burst of results for several credentials at once (one
// statement), then prints what the database holds. One JSON line.
import { randomUUID } from "node:crypto";
import { catalogDescriptors } from "@latchkey/catalog";
import { parseCatalog, syncCatalog, VERIFICATION_HISTORY_LIMIT } from "@latchkey/core";
// Not exported by @latchkey/core: the store itself, which only the credential service uses.
import { ReverificationWriter } from "../../../../packages/core/src/credentials/reverification-writer";
import { and, auditEvents, components, credentials, eq, openDatabase, verificationResults, workspaces } from "@latchkey/db";

const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.LATCHKEY_DATA_DIR! });
try {
  const { db } = handle;
  const writer = new ReverificationWriter(db);
  const storeReverification = (workspace: string, credential: string, r: ReturnType<typeof result>) => writer.store(workspace, credential, r);
  const workspaceId = randomUUID();
  await db.insert(workspaces).values({ id: workspaceId, name: "Store test", slug: `store-${workspaceId}` });
  await syncCatalog(db, workspaceId, parseCatalog(catalogDescriptors));
  const [component] = await db.select().from(components).where(and(eq(components.workspaceId, workspaceId), eq(components.key, "petstore")));
  const credentialId = randomUUID();
  const insertCredential = (id: string, name: string) =>
    db.insert(credentials).values({
      id, workspaceId, componentId: component!.id, name, authType: "API_KEY",
      config: {}, secrets: "sealed", secretHints: [], status: "UNVERIFIED",
    });
  await insertCredential(credentialId, "Store test");
  const result = (i: number) => ({
    ok: i % 2 === 0,
    code: i % 2 === 0 ? ("OK" as const) : ("UNAUTHORIZED" as const),
    status: i % 2 === 0 ? ("VALID" as const) : ("INVALID" as const),
    message: `check ${i}`,
    checkedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
    durationMs: i,
    trigger: "SCHEDULED" as const,
    triggeredBy: null,
  });
  const stores = VERIFICATION_HISTORY_LIMIT + 5;
  // A scheduled re-verification's lease: storing a result clears it.
  await db.update(credentials).set({ verifyLeaseUntil: new Date(Date.now() + 3_600_000) }).where(eq(credentials.id, credentialId));
  for (let i = 0; i < stores; i++) await storeReverification(workspaceId, credentialId, result(i));
  const history = await db.select().from(verificationResults).where(eq(verificationResults.credentialId, credentialId));
  // A result older than the stored one (a slower concurrent verification) only joins the history.
  const older = await storeReverification(workspaceId, credentialId, result(1));
  const [row] = await db.select().from(credentials).where(eq(credentials.id, credentialId));
  const historyAfterOlder = await db.select().from(verificationResults).where(eq(verificationResults.credentialId, credentialId));
  const audited = await db.select().from(auditEvents).where(and(eq(auditEvents.objectId, credentialId), eq(auditEvents.action, "credential.verify")));
  const missing = await storeReverification(workspaceId, randomUUID(), result(0));
  const foreign = await storeReverification(randomUUID(), credentialId, result(0));

  // A burst: six credentials' results, two for the first one (the newer one, sent first, must stay its latest), a missing
  // credential among them; stored together, each answered on its own.
  const burstIds = Array.from({ length: 6 }, () => randomUUID());
  for (const [k, id] of burstIds.entries()) await insertCredential(id, `Burst ${k}`);
  const statementsBefore = await db.select().from(auditEvents).where(eq(auditEvents.workspaceId, workspaceId));
  const burst = await Promise.all([
    storeReverification(workspaceId, burstIds[0]!, result(20)),
    ...burstIds.map((id, k) => storeReverification(workspaceId, id, result(10 + k))),
    storeReverification(workspaceId, randomUUID(), result(0)),
  ]);
  const burstRows = await db.select().from(credentials).where(and(eq(credentials.workspaceId, workspaceId)));
  const burstStatus = burstIds.map((id) => burstRows.find((r) => r.id === id)!.lastVerification?.message);
  const burstHistory = await Promise.all(burstIds.map(async (id) => (await db.select().from(verificationResults).where(eq(verificationResults.credentialId, id))).length));
  const burstAudited = (await db.select().from(auditEvents).where(eq(auditEvents.workspaceId, workspaceId))).length - statementsBefore.length;
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
    burstAnswered: burst.map((b) => (b === undefined ? "missing" : "stored")),
    burstStatus,
    burstHistory,
    burstAudited,
  }));
} finally {
  await handle.close();
}
