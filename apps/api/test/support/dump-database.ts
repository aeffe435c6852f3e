// Prints every row of every table of the database as JSON lines (test only, while no API runs).
import { openDatabase, sql } from "@latchkey/db";

const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.LATCHKEY_DATA_DIR! });
try {
  // PGlite and node-postgres both answer { rows }.
  const query = async (statement: ReturnType<typeof sql>) => ((await handle.db.execute(statement)) as unknown as { rows: Record<string, unknown>[] }).rows;
  const tables = await query(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
  for (const { table_name } of tables) {
    for (const row of await query(sql`select * from ${sql.identifier(String(table_name))}`)) console.log(JSON.stringify({ table: table_name, row }));
  }
} finally {
  await handle.close();
}
