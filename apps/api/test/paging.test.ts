import { CreateFlowDocument, CreateInvitationDocument, ReverifyCredentialDocument } from "@latchkey/sdk";
import { createCredential, useApi, type TestCaller } from "./harness";

/**
 * Every list of the API is a connection with the same behaviour (apps/api ARCHITECTURE "lists"):
 * first/after forward, last/before backward, 1 to 200 items, totalCount over all pages, a
 * complete PageInfo, cursors that stay valid when items are added, bad arguments as
 * BAD_USER_INPUT. Checked for each list in a workspace of its own (scoping: another workspace's
 * items never appear, its cursors do not open another list).
 */
const api = useApi();

interface Connection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: Record<string, unknown> }[];
}
interface Answer {
  status: number;
  connection?: Connection;
  errors?: { message: string; extensions: { code: string; fieldErrors?: { field: string }[] } }[];
}

const CONNECTION = "totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { __typename } }";

/** A list: the document around `(ARGS) { … }` and where its connection is in the answer. */
interface List {
  name: string;
  document: (args: string) => string;
  at: (data: any) => Connection;
}

let caller: TestCaller;
const ids = { credential: "", otherCredential: "" };
// Paging arguments as variables, as the SDK sends them (a literal `first: 200` counts 200× in the
// cost limit, README "Limits").
const A = "(first: $first, after: $after, last: $last, before: $before)";
const lists: List[] = [
  { name: "flows", document: (a) => `{ flows${a} { ${CONNECTION} } }`, at: (d) => d.flows },
  { name: "flows(status:)", document: (a) => `{ flows(status: INACTIVE, ${a.slice(1)} { ${CONNECTION} } }`, at: (d) => d.flows },
  { name: "components", document: (a) => `{ components${a} { ${CONNECTION} } }`, at: (d) => d.components },
  { name: "members", document: (a) => `{ members${a} { ${CONNECTION} } }`, at: (d) => d.members },
  { name: "apiTokens", document: (a) => `{ apiTokens${a} { ${CONNECTION} } }`, at: (d) => d.apiTokens },
  { name: "invitations", document: (a) => `{ invitations${a} { ${CONNECTION} } }`, at: (d) => d.invitations },
  { name: "credentials", document: (a) => `{ credentials${a} { ${CONNECTION} } }`, at: (d) => d.credentials },
  { name: "Component.credentials", document: (a) => `{ component(key: "petstore") { credentials${a} { ${CONNECTION} } } }`, at: (d) => d.component?.credentials },
  { name: "Credential.usage", document: (a) => `{ credential(id: "${ids.credential}") { usage${a} { ${CONNECTION} } } }`, at: (d) => d.credential?.usage },
  { name: "Credential.verifications", document: (a) => `{ credential(id: "${ids.credential}") { verifications${a} { ${CONNECTION} } } }`, at: (d) => d.credential?.verifications },
  { name: "auditLog", document: (a) => `{ auditLog${a} { pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { __typename } } } }`, at: (d) => d.auditLog },
];

async function page(list: List, args: Record<string, unknown>, who: TestCaller = caller): Promise<Answer> {
  const query = `query($first: Int, $after: String, $last: Int, $before: String) ${list.document(A)}`;
  const response = await who.post(JSON.stringify({ query, variables: args }));
  return { status: response.status, connection: response.json?.data ? (list.at(response.json.data) ?? undefined) : undefined, errors: response.json?.errors };
}

async function connection(list: List, args: Record<string, unknown>): Promise<Connection> {
  const answer = await page(list, args);
  expect({ list: list.name, args, errors: answer.errors }).toEqual({ list: list.name, args, errors: undefined });
  return answer.connection!;
}

const cursorsOf = (c: Connection) => c.edges.map((e) => e.cursor);

beforeAll(async () => {
  // A workspace of its own, with several items in every list (and one flow name twice, so the
  // id has to break the tie).
  const workspaceId = await api().createWorkspace("Paging");
  caller = api().as({ session: api().owner.session, workspaceId });
  for (let i = 0; i < 3; i++) await api().createPerson("MEMBER", { workspaceId });
  for (let i = 0; i < 5; i++) await api().createToken(["READ"], { workspaceId, name: `Paging token ${i}` });
  for (let i = 0; i < 5; i++) await caller.client.request(CreateInvitationDocument, { input: { role: "VIEWER" } });
  const credentials = [];
  for (let i = 0; i < 5; i++) credentials.push((await createCredential(caller.client, { componentKey: "petstore", authType: "API_KEY", name: `Paging ${i}`, values: { apiKey: "secret" } })).id);
  ids.credential = credentials[0]!;
  for (const name of ["Delta", "alpha", "Charlie", "bravo", "Echo", "Echo", "Foxtrot"]) {
    const { createFlow } = await caller.client.request(CreateFlowDocument, {
      input: { name, steps: [{ componentKey: "petstore", credentialId: ids.credential }, { componentKey: "petstore", credentialId: ids.credential }] },
    });
    expect(createFlow.__typename).toBe("FlowSaved");
  }
  for (let i = 0; i < 4; i++) await caller.client.request(ReverifyCredentialDocument, { input: { id: ids.credential } });
  // Another workspace's credential (the owner's): never in this workspace's lists.
  ids.otherCredential = (await createCredential(api().client, { componentKey: "petstore", authType: "API_KEY", values: { apiKey: "secret" } })).id;
}, 120_000);

describe.each(lists.map((list) => [list.name, list] as const))("%s", (_name, list) => {
  test("first/after and last/before walk the same items; totalCount and PageInfo are complete", async () => {
    const all = await connection(list, { first: 200 });
    const n = all.edges.length;
    expect(n).toBeGreaterThanOrEqual(4);
    if (list.name !== "auditLog") expect(all.totalCount).toBe(n);
    expect(all.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: all.edges[0]!.cursor, endCursor: all.edges.at(-1)!.cursor });
    expect(new Set(cursorsOf(all)).size).toBe(n);
    // The default page (50) is the same list here.
    expect(cursorsOf(await connection(list, {}))).toEqual(cursorsOf(all).slice(0, 50));

    const forward: string[] = [];
    let after: string | undefined;
    for (let i = 0; ; i++) {
      const c = await connection(list, { first: 2, after });
      forward.push(...cursorsOf(c));
      if (list.name !== "auditLog") expect(c.totalCount).toBe(n);
      expect(c.pageInfo).toEqual({ hasNextPage: forward.length < n, hasPreviousPage: i > 0, startCursor: c.edges[0]!.cursor, endCursor: c.edges.at(-1)!.cursor });
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor!;
    }
    expect(forward).toEqual(cursorsOf(all));

    const backward: string[] = [];
    let before: string | undefined;
    for (let i = 0; ; i++) {
      const c = await connection(list, { last: 2, before });
      backward.unshift(...cursorsOf(c));
      expect(c.pageInfo).toEqual({ hasNextPage: i > 0, hasPreviousPage: backward.length < n, startCursor: c.edges[0]!.cursor, endCursor: c.edges.at(-1)!.cursor });
      if (!c.pageInfo.hasPreviousPage) break;
      before = c.pageInfo.startCursor!;
    }
    expect(backward).toEqual(cursorsOf(all));

    // Past either end: an empty page that knows what lies behind it.
    const pastEnd = await connection(list, { first: 5, after: all.pageInfo.endCursor });
    expect([pastEnd.edges, pastEnd.pageInfo]).toEqual([[], { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null }]);
    const beforeStart = await connection(list, { last: 5, before: all.pageInfo.startCursor });
    expect([beforeStart.edges, beforeStart.pageInfo]).toEqual([[], { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null }]);
    // The extremes of the page size.
    expect(cursorsOf(await connection(list, { first: 1 }))).toEqual(cursorsOf(all).slice(0, 1));
    expect(cursorsOf(await connection(list, { last: 1 }))).toEqual(cursorsOf(all).slice(-1));
    expect(cursorsOf(await connection(list, { last: 200 }))).toEqual(cursorsOf(all));
  });

  test("bad paging arguments are BAD_USER_INPUT naming the argument, never a 500", async () => {
    const otherList = lists.find((l) => l.name !== list.name && !l.name.startsWith(list.name.split("(")[0]!) && !list.name.startsWith(l.name.split("(")[0]!))!;
    const foreign = (await connection(otherList, { first: 1 })).pageInfo.endCursor!;
    const cases: [Record<string, unknown>, string][] = [
      [{ first: 0 }, "first"],
      [{ first: 201 }, "first"],
      [{ first: -1 }, "first"],
      [{ last: 0 }, "last"],
      [{ last: 201 }, "last"],
      [{ first: 2, last: 2 }, "last"],
      [{ first: 2, before: foreign }, "last"],
      [{ after: "garbage" }, "after"],
      [{ before: "garbage" }, "before"],
      [{ after: foreign }, "after"],
      [{ after: Buffer.from(JSON.stringify(["x".repeat(10)])).toString("base64url") }, "after"],
    ];
    for (const [args, field] of cases) {
      const answer = await page(list, args);
      expect({ args, status: answer.status, code: answer.errors?.[0]?.extensions.code, fields: answer.errors?.[0]?.extensions.fieldErrors?.map((e) => e.field) }).toEqual({
        args,
        status: 200,
        code: "BAD_USER_INPUT",
        fields: [field],
      });
    }
  });
});

test("a cursor stays valid when items are added before and after it", async () => {
  const flows = lists[0]!;
  const first = await connection(flows, { first: 3 });
  const rest = cursorsOf(await connection(flows, { first: 200, after: first.pageInfo.endCursor }));
  for (const name of ["Aardvark", "Zulu"]) await caller.client.request(CreateFlowDocument, { input: { name, steps: [{ componentKey: "petstore" }] } });
  const again = await connection(flows, { first: 200, after: first.pageInfo.endCursor });
  // Everything after the cursor as before, in the same order, plus the new flow that sorts after it.
  expect(again.edges.length).toBe(rest.length + 1);
  expect(cursorsOf(again).filter((c) => rest.includes(c))).toEqual(rest);
  expect(again.totalCount).toBe(first.totalCount + 2);
});

test("lists are scoped to the caller's workspace: another workspace's items never appear", async () => {
  const usage = lists.find((l) => l.name === "Credential.usage")!;
  const mine = await connection(lists.find((l) => l.name === "credentials")!, { first: 200 });
  const owners = await page(lists.find((l) => l.name === "credentials")!, { first: 200 }, api());
  expect(owners.connection!.edges.length).toBeGreaterThan(0);
  expect(cursorsOf(mine).some((c) => cursorsOf(owners.connection!).includes(c))).toBe(false);
  // The owner's credential, asked about in this workspace, is not there (null, no list).
  const foreign = await caller.post(JSON.stringify({ query: usage.document("").replace(ids.credential, ids.otherCredential) }));
  expect(foreign.json).toEqual({ data: { credential: null } });
});
