// Flips one character of a credential's sealed secrets, straight in the database (test only).
import { credentials, eq, openDatabase } from "@latchkey/db";

const id = process.env.CREDENTIAL_ID!;
const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.LATCHKEY_DATA_DIR! });
try {
  const [row] = await handle.db.select().from(credentials).where(eq(credentials.id, id));
  if (!row) throw new Error(`no credential ${id}`);
  const parts = row.secrets.split(".");
  const body = parts[3]!;
  parts[3] = (body[0] === "A" ? "B" : "A") + body.slice(1);
  await handle.db.update(credentials).set({ secrets: parts.join(".") }).where(eq(credentials.id, id));
} finally {
  await handle.close();
}
