import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ActivateFlowDocument, CreateFlowDocument, DeleteFlowDocument, FlowsDocument, type FlowStatus } from "@latchkey/sdk";
import { createCredential, createTestDatabase, databaseEnv, runScriptJson, useApi } from "./harness";

type Counts = { w: string; total: number; active: number }[];
interface Report {
  afterInsert: { stored: Counts; counted: Counts };
  afterChanges: { stored: Counts; counted: Counts };
  totals: Record<string, number>;
  afterWorkspaceDeleted: { stored: Counts; counted: Counts };
  other: string;
}

/**
 * The flows list's totalCount comes from counts the flows' trigger keeps (migration 0020), not from
 * counting the rows. They must follow every insert, status change and delete, also the cascade of a
 * deleted workspace. On the database the suite runs on (PGlite, or PostgreSQL with DATABASE_URL).
 */
test("each workspace's flow counts follow its flows through inserts, status changes, deletes and a deleted workspace", async () => {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-flow-counts-"));
  try {
    const report = await runScriptJson<Report>(path.join(__dirname, "support/flow-counts.ts"), databaseEnv(dataDir, database.url));
    for (const stage of [report.afterInsert, report.afterChanges, report.afterWorkspaceDeleted]) expect(stage.stored).toEqual(stage.counted);
    // 30 flows with 10 ACTIVE; then 2 activated, 1 deactivated, 1 unchanged, 2 deleted (Counted 6 was ACTIVE).
    expect(report.totals).toEqual({ null: 28, ACTIVE: 10, INACTIVE: 18 });
    expect(report.afterInsert.stored.find((c) => c.w === report.other)).toEqual({ w: report.other, total: 5, active: 5 });
    expect(report.afterWorkspaceDeleted.stored.map((c) => c.w)).not.toContain(report.other);
  } finally {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);

describe("flow counts under concurrent writes", () => {
  const api = useApi();

  /** totalCount (from the counts) and the flows actually listed, for one status or all. */
  async function counted(status: FlowStatus | null) {
    const { flows } = await api().client.request(FlowsDocument, { status, first: 200 });
    return { totalCount: flows.totalCount, listed: flows.edges.length };
  }

  // Every write of a workspace's flows updates the same counts row in its transaction: concurrent
  // writes queue on it and must all succeed, and the counts must end where the rows are.
  test("24 concurrent creates, then 12 activations and 6 deletes at once: every write succeeds and the counts match the rows", async () => {
    const { id: credentialId } = await createCredential(api().client, { componentKey: "petstore", authType: "API_KEY", name: "Counted", values: { apiKey: "secret" } });
    const created = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        api().client.request(CreateFlowDocument, { input: { name: `Concurrent ${String(i).padStart(2, "0")}`, steps: [{ componentKey: "petstore", credentialId }] } }),
      ),
    );
    const ids = created.map(({ createFlow }) => {
      if (createFlow.__typename !== "FlowSaved") throw new Error(`expected FlowSaved, got ${JSON.stringify(createFlow)}`);
      return createFlow.flow.id;
    });
    expect(await counted(null)).toEqual({ totalCount: 24, listed: 24 });

    const [activated, deleted] = await Promise.all([
      Promise.all(ids.slice(0, 12).map((id) => api().client.request(ActivateFlowDocument, { input: { id } }))),
      Promise.all(ids.slice(12, 18).map((id) => api().client.request(DeleteFlowDocument, { input: { id } }))),
    ]);
    expect(activated.every(({ activateFlow }) => activateFlow.__typename === "FlowSaved" && activateFlow.flow.status === "ACTIVE")).toBe(true);
    expect(deleted.every(({ deleteFlow }) => deleteFlow.__typename === "FlowDeleted")).toBe(true);

    expect(await counted(null)).toEqual({ totalCount: 18, listed: 18 });
    expect(await counted("ACTIVE")).toEqual({ totalCount: 12, listed: 12 });
    expect(await counted("INACTIVE")).toEqual({ totalCount: 6, listed: 6 });
  });
});
