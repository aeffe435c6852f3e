// The members list's order before and after a person is renamed, straight on the database (test
// only, no API running): prints { before, after } as one JSON line.
import { sql } from "@latchkey/db";
import { withFirstWorkspace } from "./in-process";

await withFirstWorkspace("Mona Owner", "members.test", async ({ handle, services, workspaceId }) => {
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
});
