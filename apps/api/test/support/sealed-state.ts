// Reads every sealed column straight from the database (test only): the key ids stored, and how
// many rows do not open with exactly the keys in KEYS (comma-separated base64, first = active).
import { Keyring, SEALED_COLUMNS, countSealedByKeyId, openSecrets, parseEncryptionKey } from "@latchkey/core";
import { openDatabase, sql } from "@latchkey/db";

const [active, ...previous] = process.env.KEYS!.split(",").map(parseEncryptionKey);
const keyring = new Keyring(active!, previous);
const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.LATCHKEY_DATA_DIR! });
try {
  let unopenable = 0;
  let opened = 0;
  for (const column of SEALED_COLUMNS) {
    const rows = await handle.db
      .select({ id: sql<string>`${column.id}`, workspaceId: sql<string>`${column.workspaceId}`, sealed: sql<string>`${column.sealed}` })
      .from(column.table)
      .where(sql`${column.sealed} is not null`);
    for (const row of rows) {
      try {
        openSecrets(keyring, row.sealed, column.binding(row));
        opened++;
      } catch {
        unopenable++;
      }
    }
  }
  console.log(JSON.stringify({ counts: await countSealedByKeyId(handle.db), opened, unopenable }));
} finally {
  await handle.close();
}
