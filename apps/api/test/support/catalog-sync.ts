// Test only, on a stopped API's database: prints one JSON line with every component row's version
// (xmin: it changes whenever the row is written) by "workspace/key". With CHANGE_KEY set, first
// runs the start-up catalog sync with that descriptor's description changed, twice, and reports
// whether each run synced.
import { catalogDescriptors } from "@latchkey/catalog";
import { parseCatalog, syncCatalogEverywhere } from "@latchkey/core";
import { openDatabase, sql } from "@latchkey/db";

const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.LATCHKEY_DATA_DIR! });
try {
  const { db } = handle;
  const changeKey = process.env.CHANGE_KEY;
  const synced: boolean[] = [];
  if (changeKey) {
    const changed = parseCatalog(catalogDescriptors).map((d) => (d.key === changeKey ? { ...d, description: `${d.description ?? ""} (changed)` } : d));
    synced.push(await syncCatalogEverywhere(db, changed), await syncCatalogEverywhere(db, changed));
  }
  const result = await db.execute(sql`select workspace_id || '/' || key as k, xmin::text as v from components order by 1`);
  const versions = Object.fromEntries((result as unknown as { rows: { k: string; v: string }[] }).rows.map((r) => [r.k, r.v]));
  console.log(JSON.stringify({ synced, versions }));
} finally {
  await handle.close();
}
