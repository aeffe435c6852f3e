// Checks a stopped API's database (test only): every stored secret opens, every component's
// credential count matches its credentials, every workspace's flow counts match its flows, every step's references exist, and the credential
// MARKER_ID still opens to the value MARKER. Prints one JSON line (never a secret).
import { components, credentials, flowCounts, flows, flowSteps, openDatabase } from "@latchkey/db";
import { loadKeyring, openSecrets } from "@latchkey/core";

const dataDir = process.env.LATCHKEY_DATA_DIR!;
const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir });
try {
  const { keyring } = loadKeyring({ envKey: undefined, dataDir });
  const { db } = handle;
  const rows = await db.select().from(credentials);
  const unreadable: string[] = [];
  const opened: Record<string, Record<string, unknown>> = {};
  for (const row of rows) {
    try {
      opened[row.id] = openSecrets(keyring, row.secrets, { workspaceId: row.workspaceId, credentialId: row.id });
    } catch {
      unreadable.push(row.id);
    }
  }
  const counted = new Map<string, number>();
  for (const row of rows) counted.set(row.componentId, (counted.get(row.componentId) ?? 0) + 1);
  const countMismatches = (await db.select().from(components))
    .filter((c) => c.credentialCount !== (counted.get(c.id) ?? 0))
    .map((c) => `${c.key}: stored ${c.credentialCount}, counted ${counted.get(c.id) ?? 0}`);
  const allFlows = await db.select({ id: flows.id, workspaceId: flows.workspaceId, status: flows.status }).from(flows);
  const flowsCounted = new Map<string, { total: number; active: number }>();
  for (const f of allFlows) {
    const c = flowsCounted.get(f.workspaceId) ?? { total: 0, active: 0 };
    flowsCounted.set(f.workspaceId, { total: c.total + 1, active: c.active + (f.status === "ACTIVE" ? 1 : 0) });
  }
  const flowsStored = new Map((await db.select().from(flowCounts)).map((c) => [c.workspaceId, { total: c.total, active: c.active }]));
  for (const workspaceId of new Set([...flowsCounted.keys(), ...flowsStored.keys()])) {
    const [stored, counted] = [flowsStored.get(workspaceId) ?? { total: 0, active: 0 }, flowsCounted.get(workspaceId) ?? { total: 0, active: 0 }];
    if (stored.total !== counted.total || stored.active !== counted.active) {
      countMismatches.push(`flows of ${workspaceId}: stored ${JSON.stringify(stored)}, counted ${JSON.stringify(counted)}`);
    }
  }
  const flowIds = new Set(allFlows.map((f) => f.id));
  const credentialIds = new Set(rows.map((r) => r.id));
  const brokenSteps = (await db.select().from(flowSteps))
    .filter((s) => !flowIds.has(s.flowId) || (s.credentialId !== null && !credentialIds.has(s.credentialId)))
    .map((s) => s.id);
  const markerOpens = opened[process.env.MARKER_ID!]?.apiKey === process.env.MARKER;
  console.log(JSON.stringify({ credentials: rows.length, unreadable, countMismatches, brokenSteps, markerOpens }));
} finally {
  await handle.close();
}
