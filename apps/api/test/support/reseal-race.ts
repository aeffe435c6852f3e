// Re-seals under KEYS[0] while, between each row's read and write, "another process" updates the
// same row (sealed with CONCURRENT_KEY, as an API not yet switched would): prints the outcome.
import { Keyring, SEALED_COLUMNS, openSecrets, parseEncryptionKey, resealSecrets, sealSecrets } from "@latchkey/core";
import { credentials, eq, openDatabase } from "@latchkey/db";

const [active, ...previous] = process.env.KEYS!.split(",").map(parseEncryptionKey);
const keyring = new Keyring(active!, previous);
const concurrent = new Keyring(parseEncryptionKey(process.env.CONCURRENT_KEY!));
const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.LATCHKEY_DATA_DIR! });
try {
  const { db } = handle;
  const column = SEALED_COLUMNS.find((c) => c.name === "credentials.secrets")!;
  const updatedOnce = new Set<string>();
  const result = await resealSecrets(db, keyring, {
    batchSize: 2,
    beforeWrite: async ({ id }) => {
      if (updatedOnce.has(id)) return;
      updatedOnce.add(id);
      const [row] = await db.select().from(credentials).where(eq(credentials.id, id));
      const binding = column.binding(row!);
      const values = openSecrets(keyring, row!.secrets, binding);
      const next = { ...values, apiKey: `${String(values.apiKey)}-concurrent` };
      await db.update(credentials).set({ secrets: sealSecrets(concurrent, next, binding) }).where(eq(credentials.id, id));
    },
  });
  console.log(JSON.stringify({ resealed: result.resealed, conflicts: result.conflicts, remaining: result.remaining, updated: updatedOnce.size }));
} finally {
  await handle.close();
}
