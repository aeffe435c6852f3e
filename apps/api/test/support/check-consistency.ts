// Checks a stopped API's database (test only): every stored secret opens, every component's
// credential count matches its credentials, every step's references exist, and the credential
// MARKER_ID still opens to the value MARKER. Prints one JSON line (never a secret).
import { components, credentials, flows, flowSteps, openDatabase } from "@latchkey/db";
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
  const flowIds = new Set((await db.select({ id: flows.id }).from(flows)).map((f) => f.id));
  const credentialIds = new Set(rows.map((r) => r.id));
  const brokenSteps = (await db.select().from(flowSteps))
    .filter((s) => !flowIds.has(s.flowId) || (s.credentialId !== null && !credentialIds.has(s.credentialId)))
    .map((s) => s.id);
  const markerOpens = opened[process.env.MARKER_ID!]?.apiKey === process.env.MARKER;
  console.log(JSON.stringify({ credentials: rows.length, unreadable, countMismatches, brokenSteps, markerOpens }));
} finally {
  await handle.close();
}
