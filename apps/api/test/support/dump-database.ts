// Prints every row of every table of the database as JSON lines (test only, while no API runs).
import { openDatabase, sql } from "@latchkey/db";

const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.LATCHKEY_DATA_DIR! });
try {
  const tables = await handle.db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  for (const { table_name } of tables.rows) {
    const rows = await handle.db.execute(sql`select * from ${sql.identifier(table_name)}`);
    for (const row of rows.rows) console.log(JSON.stringify({ table: table_name, row }));
  }
} finally {
  await handle.close();
}
