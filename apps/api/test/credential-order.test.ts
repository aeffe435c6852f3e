import { ReverifyCredentialDocument } from "@latchkey/sdk";
import { createCredential, registerApiKeyComponent, startFakeApp, useApi, type FakeApp, type TestCaller } from "./harness";

/**
 * The credential lists' orders (`orderBy: CredentialOrder`), in SQL across pages: walking any
 * order page by page, forward or backward, gives every credential of the workspace once, in that
 * order (ties broken by id), with the same totalCount on every page; a cursor of one order is
 * refused by another.
 */
const api = useApi();
let app: FakeApp;
let caller: TestCaller;
/** What the fake application answers per key: 200 (VALID), 401 (INVALID), 503 (UNREACHABLE). */
const answers = new Map<string, number>();

type Status = "VALID" | "INVALID" | "UNREACHABLE";
interface Made {
  id: string;
  name: string;
  status: Status;
  componentKey: string;
  /** Its place in the order of creation. */
  made: number;
}
const made: Made[] = [];

const STATUS_RANK: Record<string, number> = { INVALID: 0, EXPIRED: 1, UNREACHABLE: 2, UNVERIFIED: 3, VALID: 4 };
const ORDERS = ["NAME", "NEWEST", "STATUS"] as const;
type Order = (typeof ORDERS)[number];
// Names sort the same in JavaScript and in any collation: one prefix, then upper-case letters.
const byName = (a: Made, b: Made) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const byId = (a: Made, b: Made) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const COMPARE: Record<Order, (a: Made, b: Made) => number> = {
  NAME: (a, b) => byName(a, b) || byId(a, b),
  NEWEST: (a, b) => b.made - a.made,
  STATUS: (a, b) => STATUS_RANK[a.status]! - STATUS_RANK[b.status]! || byName(a, b) || byId(a, b),
};

beforeAll(async () => {
  app = await startFakeApp((req, res) => {
    const status = answers.get(String(req.headers["x-api-key"])) ?? 401;
    res.writeHead(status).end(status === 200 ? "{}" : "no");
  });
  const workspaceId = await api().createWorkspace("Orders");
  caller = api().as({ session: api().owner.session, workspaceId });
  expect((await registerApiKeyComponent(caller.client, { key: "acme", name: "Acme API", baseUrl: app.url, header: "X-Api-Key", verifyPath: "/v1/me" })).__typename).toBe(
    "ComponentRegistered",
  );
  // 23 Acme credentials, created neither in name nor in status order, and 4 Petstore ones, two of
  // them named as Acme ones (a tie in name and status that only the id breaks).
  const letters = "QHZBMXCKRADWTFLPSJNEGUV";
  for (const [i, letter] of [...letters].entries()) {
    const status: Status = i % 3 === 0 ? "VALID" : i % 3 === 1 ? "INVALID" : "UNREACHABLE";
    const apiKey = `ak_order_${i}_${letter}`;
    answers.set(apiKey, 200);
    const credential = await createCredential(caller.client, { componentKey: "acme", authType: "API_KEY", name: `Order ${letter}`, values: { apiKey } });
    made.push({ id: credential.id, name: credential.name, status, componentKey: "acme", made: made.length });
    if (status !== "VALID") {
      answers.set(apiKey, status === "INVALID" ? 401 : 503);
      const { reverifyCredential } = await caller.client.request(ReverifyCredentialDocument, { input: { id: credential.id } });
      expect(reverifyCredential).toMatchObject({ credential: { status } });
    }
  }
  for (const letter of ["Q", "B", "AA", "ZZ"]) {
    const credential = await createCredential(caller.client, { componentKey: "petstore", authType: "API_KEY", name: `Order ${letter}`, values: { apiKey: "secret" } });
    made.push({ id: credential.id, name: credential.name, status: "VALID", componentKey: "petstore", made: made.length });
  }
  // The owner's own workspace has credentials too: never in this one's lists.
  await createCredential(api().client, { componentKey: "petstore", authType: "API_KEY", name: "Order A", values: { apiKey: "secret" } });
}, 120_000);

afterAll(async () => {
  await app.close();
});

interface Connection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: { id: string; name: string; status: string; createdAt: string; component: { key: string } } }[];
}
interface Answer {
  connection?: Connection;
  errors?: { extensions: { code: string; fieldErrors?: { field: string }[] } }[];
}

const NODE = "id name status createdAt component { key }";
const CONNECTION = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { ${NODE} } }`;
const VARIABLES = "$orderBy: CredentialOrder, $first: Int, $after: String, $last: Int, $before: String";
const ARGS = "orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before";

/** The two lists that take `orderBy`: the workspace's credentials (with a filter) and a component's. */
const LISTS = {
  credentials: {
    query: `query(${VARIABLES}, $filter: CredentialFilter) { credentials(filter: $filter, ${ARGS}) { ${CONNECTION} } }`,
    at: (data: any): Connection => data.credentials,
  },
  "Component.credentials": {
    query: `query(${VARIABLES}) { component(key: "acme") { credentials(${ARGS}) { ${CONNECTION} } } }`,
    at: (data: any): Connection => data.component?.credentials,
  },
};
type ListName = keyof typeof LISTS;

async function page(list: ListName, variables: Record<string, unknown>): Promise<Answer> {
  const response = await caller.post(JSON.stringify({ query: LISTS[list].query, variables }));
  return { connection: response.json.data ? LISTS[list].at(response.json.data) : undefined, errors: response.json.errors };
}

async function connection(list: ListName, variables: Record<string, unknown>): Promise<Connection> {
  const answer = await page(list, variables);
  expect(answer.errors).toBeUndefined();
  return answer.connection!;
}

/** Every page of a list, 5 at a time, forward (first/after) and backward (last/before), checking each page's PageInfo and count. */
async function walk(list: ListName, variables: Record<string, unknown>, total: number) {
  const forward: string[] = [];
  let after: string | null = null;
  for (let i = 0; ; i++) {
    const c: Connection = await connection(list, { ...variables, first: 5, after });
    forward.push(...c.edges.map((e) => e.node.id));
    expect(c.totalCount).toBe(total);
    expect(c.pageInfo).toEqual({ hasNextPage: forward.length < total, hasPreviousPage: i > 0, startCursor: c.edges[0]!.cursor, endCursor: c.edges.at(-1)!.cursor });
    if (!c.pageInfo.hasNextPage) break;
    after = c.pageInfo.endCursor;
  }
  const backward: string[] = [];
  let before: string | null = null;
  for (let i = 0; ; i++) {
    const c: Connection = await connection(list, { ...variables, last: 5, before });
    backward.unshift(...c.edges.map((e) => e.node.id));
    expect(c.totalCount).toBe(total);
    expect(c.pageInfo).toEqual({ hasNextPage: i > 0, hasPreviousPage: backward.length < total, startCursor: c.edges[0]!.cursor, endCursor: c.edges.at(-1)!.cursor });
    if (!c.pageInfo.hasPreviousPage) break;
    before = c.pageInfo.startCursor;
  }
  return { forward, backward };
}

const expected = (order: Order, keep: (m: Made) => boolean = () => true) => made.filter(keep).sort(COMPARE[order]).map((m) => m.id);

describe.each(ORDERS)("orderBy: %s", (order) => {
  test("the workspace's credentials, page after page, forward and backward: each once, in the order, none of another workspace", async () => {
    const ids = expected(order);
    expect(ids.length).toBeGreaterThan(5 * 4);
    const { forward, backward } = await walk("credentials", { orderBy: order }, ids.length);
    expect(forward).toEqual(ids);
    expect(backward).toEqual(ids);
    expect(new Set(forward).size).toBe(ids.length);
    // One page of 200 says the same.
    expect((await connection("credentials", { orderBy: order, first: 200 })).edges.map((e) => e.node.id)).toEqual(ids);
  });

  test("a component's credentials, and the list filtered by component or status, keep the order across pages", async () => {
    const acme = expected(order, (m) => m.componentKey === "acme");
    for (const result of Object.values(await walk("Component.credentials", { orderBy: order }, acme.length))) expect(result).toEqual(acme);
    for (const result of Object.values(await walk("credentials", { orderBy: order, filter: { componentKey: "acme" } }, acme.length))) expect(result).toEqual(acme);
    const invalid = expected(order, (m) => m.status === "INVALID");
    for (const result of Object.values(await walk("credentials", { orderBy: order, filter: { status: "INVALID" } }, invalid.length))) expect(result).toEqual(invalid);
  });

  test("a cursor of another order is InvalidInput naming the cursor's argument, not a wrong page", async () => {
    for (const other of ORDERS.filter((o) => o !== order)) {
      for (const list of Object.keys(LISTS) as ListName[]) {
        const { pageInfo } = await connection(list, { orderBy: other, first: 3 });
        for (const [variables, field] of [
          [{ after: pageInfo.endCursor }, "after"],
          [{ last: 2, before: pageInfo.endCursor }, "before"],
        ] as const) {
          const answer = await page(list, { orderBy: order, ...variables });
          expect({ list, other, code: answer.errors?.[0]?.extensions.code, fields: answer.errors?.[0]?.extensions.fieldErrors?.map((e) => e.field) }).toEqual({
            list,
            other,
            code: "BAD_USER_INPUT",
            fields: [field],
          });
        }
      }
    }
  });
});

test("the orders are what they say: by name, newest first, needs attention first", async () => {
  const nodes = async (order: Order) => (await connection("credentials", { orderBy: order, first: 200 })).edges.map((e) => e.node);
  const names = (await nodes("NAME")).map((n) => n.name);
  expect(names).toEqual([...names].sort());
  const created = (await nodes("NEWEST")).map((n) => n.createdAt);
  expect(created).toEqual([...created].sort().reverse());
  expect((await nodes("NEWEST"))[0]!.name).toBe("Order ZZ");
  const statuses = (await nodes("STATUS")).map((n) => n.status);
  expect(statuses).toEqual([...statuses].sort((a, b) => STATUS_RANK[a]! - STATUS_RANK[b]!));
  expect(new Set(statuses)).toEqual(new Set(["INVALID", "UNREACHABLE", "VALID"]));
});

test("without orderBy a list is by name, and its cursors are the NAME order's", async () => {
  const byDefault = await connection("credentials", { first: 4 });
  expect(byDefault.edges.map((e) => e.node.id)).toEqual(expected("NAME").slice(0, 4));
  const next = await connection("credentials", { orderBy: "NAME", first: 4, after: byDefault.pageInfo.endCursor });
  expect(next.edges.map((e) => e.node.id)).toEqual(expected("NAME").slice(4, 8));
  // An order that does not exist is refused by the schema.
  expect((await page("credentials", { orderBy: "OLDEST" })).errors?.[0]?.extensions.code).toBe("BAD_USER_INPUT");
});
