// The members list's order before and after a person is renamed, straight on the database (test
// only, no API running): prints { before, after } as one JSON line.
import { createNetworkPolicy } from "@latchkey/core";
import { openDatabase, sql } from "@latchkey/db";
import { offlineServices } from "./in-process";

const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.LATCHKEY_DATA_DIR! });
const networkPolicy = createNetworkPolicy();
try {
  const services = offlineServices(handle.db, networkPolicy);
  const setup = await services.access.setupFirstOwner({ name: "Mona Owner", email: "owner@members.test", password: "long enough password" });
  if (setup.__typename !== "SignedIn" || !setup.workspace) throw new Error(setup.__typename);
  const workspaceId = setup.workspace.id;
  const names = async () => {
    const page = await services.access.listMembers(workspaceId, { first: 50 });
    if ("__typename" in page) throw new Error(page.__typename);
    return page.items.map((member) => member.person.name);
  };
  // Memberships inserted without a name: the trigger takes the person's.
  for (const [email, name] of [["zed@members.test", "Zed Last"], ["anna@members.test", "Anna First"]]) {
    await handle.db.execute(sql`
      with person as (insert into people (id, email, name, password_hash) values (gen_random_uuid(), ${email}, ${name}, 'not a hash') returning id)
      insert into memberships (workspace_id, person_id, role) select ${workspaceId}, id, 'MEMBER' from person`);
  }
  const before = await names();
  await handle.db.execute(sql`update people set name = 'Aaron Renamed' where email = 'zed@members.test'`);
  console.log(JSON.stringify({ before, after: await names() }));
} finally {
  await handle.close();
  await networkPolicy.close();
}
