import { randomBytes } from "node:crypto";
import {
  ActivateFlowDocument,
  ComponentsDocument,
  CreateCredentialDocument,
  CreateFlowDocument,
  CredentialDocument,
  DeactivateFlowDocument,
  DeleteCredentialDocument,
  DeleteFlowDocument,
  FlowDocument,
  FlowsDocument,
  RenameFlowDocument,
  ReverifyCredentialDocument,
  SetStepCredentialDocument,
  type CreateFlowMutation,
  type FlowsQuery,
  type LatchkeyClient,
  type FlowStepInput,
} from "@latchkey/sdk";
import { createCredential, expectNoSecretsIn, registerApiKeyComponent, startFakeApp, useApi, type FakeApp, nodes } from "./harness";

const api = useApi();

/** Every key this file hands to the API; none may ever come back in a response. */
const issuedKeys: string[] = [];
/** Keys the fake application has stopped accepting ("revoked at the application"). */
const revokedKeys = new Set<string>();
let widgets: FakeApp;

const UNKNOWN_ID = "00000000-0000-4000-8000-00000000f10e";

beforeAll(async () => {
  // A real application: it accepts the keys this file issued, until one is revoked.
  widgets = await startFakeApp((req, res) => {
    const key = String(req.headers["x-widget-key"] ?? "");
    const accepted = issuedKeys.includes(key) && !revokedKeys.has(key);
    res.writeHead(new URL(req.url ?? "/", "http://x").pathname === "/me" ? (accepted ? 200 : 401) : 404).end("{}");
  });
  const registerComponent = await registerApiKeyComponent(api().client, { key: "widgets", name: "Widgets API", baseUrl: widgets.url, header: "X-Widget-Key" });
  expect(registerComponent.__typename).toBe("ComponentRegistered");
});

afterAll(async () => {
  expectNoSecretsIn(api().responses, issuedKeys);
  await widgets?.close();
});

// ---------------------------------------------------------------------------------------------
// helpers

function newKey(): string {
  const key = `wk_live_${randomBytes(12).toString("hex")}`;
  issuedKeys.push(key);
  return key;
}

const unique = (label: string) => `${label} ${randomBytes(3).toString("hex")}`;

async function createWidgetCredential(name: string | null = null) {
  const apiKey = newKey();
  const credential = await createCredential(api().client, { componentKey: "widgets", authType: "API_KEY", name, values: { apiKey } });
  expect(credential.status).toBe("VALID");
  return { ...credential, apiKey };
}

async function createPetstoreCredential(name: string | null = null) {
  return createCredential(api().client, { componentKey: "petstore", authType: "API_KEY", name, values: { apiKey: "secret" } });
}

/** Revokes the key at the application, then reverifies: the credential becomes INVALID. */
async function invalidate(credential: { id: string; apiKey: string }) {
  revokedKeys.add(credential.apiKey);
  const { reverifyCredential } = await api().client.request(ReverifyCredentialDocument, { input: { id: credential.id } });
  expect(reverifyCredential).toMatchObject({ __typename: "CredentialVerified", credential: { status: "INVALID" } });
}

function step(componentKey: string, credentialId: string | null = null, name: string | null = null): FlowStepInput {
  return { componentKey, credentialId, name };
}

async function tryCreateFlow(name: string, steps: FlowStepInput[]): Promise<CreateFlowMutation["createFlow"]> {
  return (await api().client.request(CreateFlowDocument, { input: { name, steps } })).createFlow;
}

async function createFlow(name: string, steps: FlowStepInput[]) {
  const result = await tryCreateFlow(name, steps);
  if (result.__typename !== "FlowSaved") throw new Error(`expected FlowSaved, got ${result.__typename}: ${JSON.stringify(result)}`);
  return result.flow;
}

async function activeFlow(name: string, steps: FlowStepInput[]) {
  const flow = await createFlow(name, steps);
  const { activateFlow } = await api().client.request(ActivateFlowDocument, { input: { id: flow.id } });
  expect(activateFlow).toMatchObject({ __typename: "FlowSaved", flow: { id: flow.id, status: "ACTIVE" } });
  return flow;
}

async function readFlow(id: string) {
  return (await api().client.request(FlowDocument, { id })).flow;
}

async function allFlows() {
  return nodes((await api().client.request(FlowsDocument, { status: null, first: 200 })).flows);
}

async function countOf(key: string): Promise<number> {
  const components = nodes((await api().client.request(ComponentsDocument, { first: 200 })).components);
  const component = components.find((c) => c.key === key);
  if (!component) throw new Error(`no component ${key}`);
  return component.credentialCount;
}

const idsOf = (items: { id: string }[]) => items.map((i) => i.id).sort();

// ---------------------------------------------------------------------------------------------

describe("createFlow", () => {
  test("starts INACTIVE with its steps in order; default step names are the component's name", async () => {
    const credential = await createWidgetCredential();
    const name = unique("Sync widgets");
    const flow = await createFlow(name, [
      step("widgets", credential.id),
      step("petstore", null, "  Fetch pets  "),
      step("widgets"),
      step("petstore", null, "   "),
    ]);
    expect(flow).toMatchObject({ name, status: "INACTIVE" });
    expect(flow.steps.map((s) => [s.position, s.name, s.component.key, s.credential?.id ?? null])).toEqual([
      [0, "Widgets API", "widgets", credential.id],
      [1, "Fetch pets", "petstore", null],
      [2, "Widgets API", "widgets", null],
      [3, "Petstore API", "petstore", null],
    ]);
    expect(new Set(flow.steps.map((s) => s.id)).size).toBe(4);

    const read = await readFlow(flow.id);
    expect(read).toEqual(flow);
    expect((await allFlows()).map((f) => f.id)).toContain(flow.id);
  });

  test("the flow name is trimmed; 200 characters and 100 steps are accepted", async () => {
    const flow = await createFlow(`  ${"n".repeat(200)}  `, Array.from({ length: 100 }, () => step("petstore")));
    expect(flow.name).toBe("n".repeat(200));
    expect(flow.steps.map((s) => s.position)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  test("bad input is InvalidInput with the offending field, and nothing is saved", async () => {
    const before = (await allFlows()).length;
    const cases: { name: string; steps: FlowStepInput[]; field: string }[] = [
      { name: "", steps: [step("petstore")], field: "name" },
      { name: "   ", steps: [step("petstore")], field: "name" },
      { name: "x".repeat(201), steps: [step("petstore")], field: "name" },
      { name: "Too many steps", steps: Array.from({ length: 101 }, () => step("petstore")), field: "steps" },
      { name: "Unknown component", steps: [step("petstore"), step("no-such-component")], field: "steps.1.componentKey" },
      { name: "Long step name", steps: [step("petstore", null, "s".repeat(201))], field: "steps.0.name" },
    ];
    for (const { name, steps, field } of cases) {
      const result = await tryCreateFlow(name, steps);
      expect({ field, typename: result.__typename }).toEqual({ field, typename: "InvalidInput" });
      if (result.__typename === "InvalidInput") {
        expect(result.fieldErrors.map((e) => e.field)).toContain(field);
        expect(result.message.length).toBeGreaterThan(0);
      }
    }
    expect((await allFlows()).length).toBe(before);
  });

  test("a credential of another component is CredentialMismatch naming the step index; nothing is saved", async () => {
    const widget = await createWidgetCredential();
    const pet = await createPetstoreCredential();
    const before = (await allFlows()).length;
    const result = await tryCreateFlow(unique("Mismatch"), [
      step("widgets", widget.id),
      step("petstore", pet.id),
      step("petstore", widget.id),
    ]);
    expect(result.__typename).toBe("CredentialMismatch");
    if (result.__typename === "CredentialMismatch") {
      expect(result.stepIndex).toBe(2);
      expect(result.message).toMatch(/\S/);
    }
    expect((await allFlows()).length).toBe(before);
  });

  test("an unknown or malformed credential id is NotFound; nothing is saved", async () => {
    const before = (await allFlows()).length;
    for (const id of [UNKNOWN_ID, "not-an-id", "' or 1=1 --"]) {
      const result = await tryCreateFlow(unique("Ghost"), [step("petstore"), step("petstore", id)]);
      expect(result.__typename).toBe("NotFound");
      if (result.__typename === "NotFound") expect(result.id).toBe(id);
    }
    expect((await allFlows()).length).toBe(before);
  });
});

describe("credential reuse and usage", () => {
  test("one credential serves steps of two flows; credential.usage lists every flow and step", async () => {
    const credential = await createWidgetCredential();
    const first = await createFlow(unique("First"), [step("widgets", credential.id, "Read"), step("petstore"), step("widgets", credential.id, "Write")]);
    const second = await createFlow(unique("Second"), [step("widgets", credential.id)]);

    const { credential: read } = await api().client.request(CredentialDocument, { id: credential.id });
    const usage = nodes(read!.usage).map((u) => ({ flow: u.flow.id, step: u.step.id, position: u.step.position, name: u.step.name }));
    expect(usage).toHaveLength(3);
    expect(usage).toEqual(
      expect.arrayContaining([
        { flow: first.id, step: first.steps[0]!.id, position: 0, name: "Read" },
        { flow: first.id, step: first.steps[2]!.id, position: 2, name: "Write" },
        { flow: second.id, step: second.steps[0]!.id, position: 0, name: "Widgets API" },
      ]),
    );
    expect(nodes(read!.usage).every((u) => u.flow.status === "INACTIVE")).toBe(true);

    const unused = await createWidgetCredential();
    const { credential: lonely } = await api().client.request(CredentialDocument, { id: unused.id });
    expect(nodes(lonely!.usage)).toEqual([]);
  });
});

describe("renameFlow", () => {
  test("changes only the name; status and steps stay", async () => {
    const credential = await createWidgetCredential();
    const flow = await activeFlow(unique("Before"), [step("widgets", credential.id)]);
    const name = unique("After");
    const { renameFlow } = await api().client.request(RenameFlowDocument, { input: { id: flow.id, name: `  ${name} ` } });
    expect(renameFlow.__typename).toBe("FlowSaved");
    if (renameFlow.__typename !== "FlowSaved") return;
    expect(renameFlow.flow).toMatchObject({ id: flow.id, name, status: "ACTIVE", steps: flow.steps });
    expect((await readFlow(flow.id))?.name).toBe(name);
  });

  test("an empty or too long name is InvalidInput and changes nothing; unknown ids are NotFound", async () => {
    const flow = await createFlow(unique("Keep me"), [step("petstore")]);
    for (const name of ["", "  ", "r".repeat(201)]) {
      const { renameFlow } = await api().client.request(RenameFlowDocument, { input: { id: flow.id, name } });
      expect(renameFlow.__typename).toBe("InvalidInput");
      if (renameFlow.__typename === "InvalidInput") expect(renameFlow.fieldErrors.map((e) => e.field)).toContain("name");
    }
    expect((await readFlow(flow.id))?.name).toBe(flow.name);
    for (const id of [UNKNOWN_ID, "nope"]) {
      const { renameFlow } = await api().client.request(RenameFlowDocument, { input: { id, name: "Whatever" } });
      expect(renameFlow.__typename).toBe("NotFound");
    }
  });
});

describe("activateFlow", () => {
  test("refused with FlowNotReady listing exactly the steps without a VALID credential", async () => {
    const good = await createWidgetCredential();
    const revoked = await createWidgetCredential();
    await invalidate(revoked);
    const pet = await createPetstoreCredential();
    const flow = await createFlow(unique("Not ready"), [
      step("widgets", good.id, "Good step"),
      step("petstore", null, "Empty step"),
      step("widgets", revoked.id, "Revoked step"),
      step("petstore", pet.id, "Pet step"),
    ]);

    const { activateFlow } = await api().client.request(ActivateFlowDocument, { input: { id: flow.id } });
    expect(activateFlow.__typename).toBe("FlowNotReady");
    if (activateFlow.__typename !== "FlowNotReady") return;
    expect(idsOf(activateFlow.steps)).toEqual(idsOf([flow.steps[1]!, flow.steps[2]!]));
    expect(activateFlow.message).toContain("Empty step");
    expect(activateFlow.message).toContain("Revoked step");
    expect(activateFlow.message).not.toContain("Good step");
    expect((await readFlow(flow.id))?.status).toBe("INACTIVE");

    // Fix both steps: the flow activates.
    const replacement = await createWidgetCredential();
    for (const [index, credentialId] of [[1, pet.id], [2, replacement.id]] as const) {
      const { setStepCredential } = await api().client.request(SetStepCredentialDocument, { input: { stepId: flow.steps[index]!.id, credentialId } });
      expect(setStepCredential.__typename).toBe("FlowSaved");
    }
    const again = await api().client.request(ActivateFlowDocument, { input: { id: flow.id } });
    expect(again.activateFlow).toMatchObject({ __typename: "FlowSaved", flow: { id: flow.id, status: "ACTIVE" } });
    expect((await readFlow(flow.id))?.status).toBe("ACTIVE");
  });

  test("a credential that turns INVALID blocks activation until it verifies again", async () => {
    const credential = await createWidgetCredential();
    const flow = await createFlow(unique("Flaky"), [step("widgets", credential.id)]);
    await invalidate(credential);
    const refused = await api().client.request(ActivateFlowDocument, { input: { id: flow.id } });
    expect(refused.activateFlow).toMatchObject({ __typename: "FlowNotReady", steps: [{ id: flow.steps[0]!.id }] });

    revokedKeys.delete(credential.apiKey);
    const { reverifyCredential } = await api().client.request(ReverifyCredentialDocument, { input: { id: credential.id } });
    expect(reverifyCredential).toMatchObject({ credential: { status: "VALID" } });
    const accepted = await api().client.request(ActivateFlowDocument, { input: { id: flow.id } });
    expect(accepted.activateFlow).toMatchObject({ __typename: "FlowSaved", flow: { status: "ACTIVE" } });
  });

  test("unknown and malformed ids are NotFound", async () => {
    for (const id of [UNKNOWN_ID, "12345"]) {
      const { activateFlow } = await api().client.request(ActivateFlowDocument, { input: { id } });
      expect(activateFlow.__typename).toBe("NotFound");
      const { deactivateFlow } = await api().client.request(DeactivateFlowDocument, { input: { id } });
      expect(deactivateFlow.__typename).toBe("NotFound");
    }
  });
});

describe("deactivateFlow", () => {
  test("an ACTIVE flow becomes INACTIVE", async () => {
    const credential = await createWidgetCredential();
    const flow = await activeFlow(unique("Running"), [step("widgets", credential.id)]);
    const { deactivateFlow } = await api().client.request(DeactivateFlowDocument, { input: { id: flow.id } });
    expect(deactivateFlow).toMatchObject({ __typename: "FlowSaved", flow: { id: flow.id, status: "INACTIVE" } });
    expect((await readFlow(flow.id))?.status).toBe("INACTIVE");
  });
});

describe("setStepCredential", () => {
  test("a credential of another component is CredentialMismatch with the step's position; nothing changes", async () => {
    const widget = await createWidgetCredential();
    const pet = await createPetstoreCredential();
    const flow = await createFlow(unique("Mixed"), [step("petstore", pet.id), step("widgets", widget.id)]);
    const { setStepCredential } = await api().client.request(SetStepCredentialDocument, { input: { stepId: flow.steps[1]!.id, credentialId: pet.id } });
    expect(setStepCredential.__typename).toBe("CredentialMismatch");
    if (setStepCredential.__typename === "CredentialMismatch") expect(setStepCredential.stepIndex).toBe(1);
    expect((await readFlow(flow.id))?.steps[1]?.credential?.id).toBe(widget.id);
  });

  test("unknown steps and credentials are NotFound", async () => {
    const widget = await createWidgetCredential();
    const flow = await createFlow(unique("Lookup"), [step("widgets")]);
    for (const [stepId, credentialId] of [
      [UNKNOWN_ID, widget.id],
      ["not-a-step", widget.id],
      [flow.steps[0]!.id, UNKNOWN_ID],
      [flow.steps[0]!.id, "not-a-credential"],
    ] as const) {
      const { setStepCredential } = await api().client.request(SetStepCredentialDocument, { input: { stepId, credentialId } });
      expect(setStepCredential.__typename).toBe("NotFound");
    }
    expect((await readFlow(flow.id))?.steps[0]?.credential).toBeNull();
  });

  test("on an INACTIVE flow any credential of the component, or none, is accepted", async () => {
    const valid = await createWidgetCredential();
    const invalid = await createWidgetCredential();
    await invalidate(invalid);
    const flow = await createFlow(unique("Draft"), [step("widgets", valid.id)]);
    const stepId = flow.steps[0]!.id;

    const toInvalid = await api().client.request(SetStepCredentialDocument, { input: { stepId, credentialId: invalid.id } });
    expect(toInvalid.setStepCredential).toMatchObject({ __typename: "FlowSaved", flow: { status: "INACTIVE" } });
    expect((await readFlow(flow.id))?.steps[0]?.credential).toMatchObject({ id: invalid.id, status: "INVALID" });

    const toNone = await api().client.request(SetStepCredentialDocument, { input: { stepId, credentialId: null } });
    expect(toNone.setStepCredential.__typename).toBe("FlowSaved");
    expect((await readFlow(flow.id))?.steps[0]?.credential).toBeNull();
  });

  test("on an ACTIVE flow a step keeps a VALID credential: null or non-VALID is FlowNotReady and changes nothing", async () => {
    const valid = await createWidgetCredential();
    const other = await createWidgetCredential();
    const invalid = await createWidgetCredential();
    await invalidate(invalid);
    const flow = await activeFlow(unique("Live"), [step("petstore", (await createPetstoreCredential()).id), step("widgets", valid.id)]);
    const stepId = flow.steps[1]!.id;

    for (const credentialId of [null, invalid.id]) {
      const { setStepCredential } = await api().client.request(SetStepCredentialDocument, { input: { stepId, credentialId } });
      expect(setStepCredential.__typename).toBe("FlowNotReady");
      if (setStepCredential.__typename === "FlowNotReady") expect(idsOf(setStepCredential.steps)).toEqual([stepId]);
      const after = await readFlow(flow.id);
      expect(after).toMatchObject({ status: "ACTIVE", steps: [{}, { id: stepId, credential: { id: valid.id, status: "VALID" } }] });
    }

    const { setStepCredential } = await api().client.request(SetStepCredentialDocument, { input: { stepId, credentialId: other.id } });
    expect(setStepCredential.__typename).toBe("FlowSaved");
    if (setStepCredential.__typename !== "FlowSaved") return;
    expect(setStepCredential.flow.status).toBe("ACTIVE");
    expect(setStepCredential.flow.steps[1]?.credential?.id).toBe(other.id);
    expect((await readFlow(flow.id))?.steps[1]?.credential?.id).toBe(other.id);
  });
});

describe("deleteCredential and flows", () => {
  test("refused while ACTIVE flows use it, naming every one of them; inactive users are not listed", async () => {
    const credential = await createWidgetCredential(unique("Shared key"));
    const activeA = await activeFlow(unique("Alpha"), [step("widgets", credential.id)]);
    const activeB = await activeFlow(unique("Bravo"), [step("petstore", (await createPetstoreCredential()).id), step("widgets", credential.id)]);
    const inactive = await createFlow(unique("Charlie"), [step("widgets", credential.id), step("widgets", credential.id)]);
    const before = await countOf("widgets");

    const refused = await api().client.request(DeleteCredentialDocument, { input: { id: credential.id } });
    expect(refused.deleteCredential.__typename).toBe("CredentialInUse");
    if (refused.deleteCredential.__typename !== "CredentialInUse") return;
    expect(idsOf(refused.deleteCredential.flows)).toEqual(idsOf([activeA, activeB]));
    expect(refused.deleteCredential.flows.every((f) => f.status === "ACTIVE")).toBe(true);
    expect(refused.deleteCredential.message).toContain(activeA.name);
    expect(refused.deleteCredential.message).toContain(activeB.name);
    expect(refused.deleteCredential.message).not.toContain(inactive.name);
    expect(await countOf("widgets")).toBe(before);
    expect((await api().client.request(CredentialDocument, { id: credential.id })).credential?.id).toBe(credential.id);

    // One flow deactivated: still refused, now naming only the other.
    await api().client.request(DeactivateFlowDocument, { input: { id: activeA.id } });
    const stillRefused = await api().client.request(DeleteCredentialDocument, { input: { id: credential.id } });
    expect(stillRefused.deleteCredential).toMatchObject({ __typename: "CredentialInUse", flows: [{ id: activeB.id }] });
    if (stillRefused.deleteCredential.__typename === "CredentialInUse") {
      expect(stillRefused.deleteCredential.flows).toHaveLength(1);
      expect(stillRefused.deleteCredential.message).not.toContain(activeA.name);
    }

    // All deactivated: the delete goes through and the inactive flows' steps lose their credential.
    await api().client.request(DeactivateFlowDocument, { input: { id: activeB.id } });
    const deleted = await api().client.request(DeleteCredentialDocument, { input: { id: credential.id } });
    expect(deleted.deleteCredential).toEqual({ __typename: "CredentialDeleted", deletedId: credential.id });
    expect(await countOf("widgets")).toBe(before - 1);
    expect((await api().client.request(CredentialDocument, { id: credential.id })).credential).toBeNull();

    const [a, b, c] = await Promise.all([readFlow(activeA.id), readFlow(activeB.id), readFlow(inactive.id)]);
    expect(a?.steps.map((s) => s.credential)).toEqual([null]);
    expect(b?.steps[0]?.credential).not.toBeNull();
    expect(b?.steps[1]?.credential).toBeNull();
    expect(c?.steps.map((s) => s.credential)).toEqual([null, null]);
    expect([a?.status, b?.status, c?.status]).toEqual(["INACTIVE", "INACTIVE", "INACTIVE"]);
  });

  test("a credential used only by INACTIVE flows is deleted at once", async () => {
    const credential = await createWidgetCredential();
    const flow = await createFlow(unique("Idle"), [step("widgets", credential.id)]);
    const { deleteCredential } = await api().client.request(DeleteCredentialDocument, { input: { id: credential.id } });
    expect(deleteCredential.__typename).toBe("CredentialDeleted");
    expect((await readFlow(flow.id))?.steps[0]?.credential).toBeNull();
  });
});

describe("deleteFlow", () => {
  test("an ACTIVE flow is refused with InvalidInput; an INACTIVE one is deleted; unknown ids are NotFound", async () => {
    const credential = await createWidgetCredential();
    const flow = await activeFlow(unique("Doomed"), [step("widgets", credential.id)]);

    const refused = await api().client.request(DeleteFlowDocument, { input: { id: flow.id } });
    expect(refused.deleteFlow.__typename).toBe("InvalidInput");
    expect((await readFlow(flow.id))?.status).toBe("ACTIVE");

    await api().client.request(DeactivateFlowDocument, { input: { id: flow.id } });
    const deleted = await api().client.request(DeleteFlowDocument, { input: { id: flow.id } });
    expect(deleted.deleteFlow).toEqual({ __typename: "FlowDeleted", deletedId: flow.id });
    expect(await readFlow(flow.id)).toBeNull();
    expect((await allFlows()).map((f) => f.id)).not.toContain(flow.id);
    const { credential: after } = await api().client.request(CredentialDocument, { id: credential.id });
    expect(nodes(after!.usage)).toEqual([]);

    for (const id of [flow.id, UNKNOWN_ID, "flow-1"]) {
      const { deleteFlow } = await api().client.request(DeleteFlowDocument, { input: { id } });
      expect(deleteFlow.__typename).toBe("NotFound");
    }
  });
});

describe("reading flows", () => {
  test("flows(status:) returns only flows with that status; without it, all of them", async () => {
    const credential = await createWidgetCredential();
    const running = await activeFlow(unique("Filter active"), [step("widgets", credential.id)]);
    const idle = await createFlow(unique("Filter inactive"), [step("widgets", credential.id)]);

    const active = nodes((await api().client.request(FlowsDocument, { status: "ACTIVE", first: 200 })).flows);
    const inactive = nodes((await api().client.request(FlowsDocument, { status: "INACTIVE", first: 200 })).flows);
    const all = await allFlows();
    expect(active.every((f) => f.status === "ACTIVE")).toBe(true);
    expect(inactive.every((f) => f.status === "INACTIVE")).toBe(true);
    expect(active.map((f) => f.id)).toContain(running.id);
    expect(active.map((f) => f.id)).not.toContain(idle.id);
    expect(inactive.map((f) => f.id)).toContain(idle.id);
    expect(idsOf(all)).toEqual(idsOf([...active, ...inactive]));
  });

  test("flow(id) is null for unknown or malformed ids", async () => {
    for (const id of [UNKNOWN_ID, "nope", "' or 1=1 --", "00000000-0000-4000-8000-00000000000"]) {
      expect(await readFlow(id)).toBeNull();
    }
  });
});

describe("flows(filter: { needsAttention })", () => {
  /** Every flow of the list through pages of `size`, forward; each page's totalCount too. */
  async function walkPages(client: LatchkeyClient, variables: { status?: "ACTIVE" | "INACTIVE" | null; filter: { needsAttention: boolean } }, size: number) {
    const seen: string[] = [];
    const totals = new Set<number>();
    let after: string | null = null;
    for (;;) {
      const { flows }: FlowsQuery = await client.request(FlowsDocument, { status: null, ...variables, first: size, after });
      totals.add(flows.totalCount);
      seen.push(...flows.edges.map((e) => e.node.id));
      if (!flows.pageInfo.hasNextPage) return { ids: seen, totals: [...totals] };
      after = flows.pageInfo.endCursor;
    }
  }

  test("counts and lists, over every page, the flows with a step whose credential is missing or not VALID, in the caller's workspace only", async () => {
    // A workspace of its own, so the counts are exact; the owner's first workspace has other flows.
    const owner = api().owner;
    const workspaceId = await api().createWorkspace(unique("Attention"));
    const client = api().as({ session: owner.session, workspaceId }).client;
    expect((await registerApiKeyComponent(client, { key: "widgets", name: "Widgets API", baseUrl: widgets.url, header: "X-Widget-Key" })).__typename).toBe("ComponentRegistered");
    const credential = async () => {
      const apiKey = newKey();
      return { ...(await createCredential(client, { componentKey: "widgets", authType: "API_KEY", values: { apiKey } })), apiKey };
    };
    const create = async (name: string, steps: FlowStepInput[], activate = false) => {
      const { createFlow } = await client.request(CreateFlowDocument, { input: { name, steps } });
      if (createFlow.__typename !== "FlowSaved") throw new Error(createFlow.__typename);
      if (activate) expect((await client.request(ActivateFlowDocument, { input: { id: createFlow.flow.id } })).activateFlow.__typename).toBe("FlowSaved");
      return createFlow.flow.id;
    };
    const good = await credential();
    const doomed = await credential();

    // Needing attention: 5 without a credential at a step (inactive), 2 active ones whose
    // credential turns INVALID (one of them with a good step first).
    const needing = [
      ...(await Promise.all([1, 2, 3, 4, 5].map((n) => create(`Needs ${n}`, [step("widgets", good.id), step("widgets")])))),
      await create("Needs active 1", [step("widgets", doomed.id)], true),
      await create("Needs active 2", [step("widgets", good.id), step("widgets", doomed.id)], true),
    ];
    // Fine: every step VALID (active or not), and a flow without steps.
    const fine = [
      await create("Fine active", [step("widgets", good.id)], true),
      await create("Fine inactive", [step("widgets", good.id), step("widgets", good.id)]),
      await create("Fine without steps", []),
    ];
    // Revoked at the application and checked again, in its workspace: INVALID.
    revokedKeys.add(doomed.apiKey);
    const { reverifyCredential } = await client.request(ReverifyCredentialDocument, { input: { id: doomed.id } });
    expect(reverifyCredential).toMatchObject({ __typename: "CredentialVerified", credential: { status: "INVALID" } });

    for (const size of [1, 3, 50]) {
      const attention = await walkPages(client, { filter: { needsAttention: true } }, size);
      expect(attention.totals).toEqual([needing.length]);
      expect([...attention.ids].sort()).toEqual([...needing].sort());
      const rest = await walkPages(client, { filter: { needsAttention: false } }, size);
      expect(rest.totals).toEqual([fine.length]);
      expect([...rest.ids].sort()).toEqual([...fine].sort());
    }
    const activeNeeding = await walkPages(client, { status: "ACTIVE", filter: { needsAttention: true } }, 1);
    expect(activeNeeding).toEqual({ ids: needing.slice(5), totals: [2] });
    // Backward from the end: the same flows, the same count.
    const { flows: lastPage } = await client.request(FlowsDocument, { status: null, filter: { needsAttention: true }, last: 2 });
    expect(lastPage.totalCount).toBe(needing.length);
    expect(lastPage.edges.map((e) => e.node.name)).toEqual(["Needs active 1", "Needs active 2"]);
    // Each listed flow says why: its stepsNeedingAttention is not empty.
    const { flows: listed } = await client.request(FlowsDocument, { status: null, filter: { needsAttention: true }, first: 50 });
    expect(listed.edges.every((e) => e.node.stepsNeedingAttention.length > 0)).toBe(true);

    // The first workspace's list counts only its own flows, and this one's only its own.
    const own = (await createFlow(unique("Needs attention elsewhere"), [step("widgets")])).id;
    const first = await walkPages(api().client, { filter: { needsAttention: true } }, 50);
    expect(first.ids).toContain(own);
    expect(first.ids.filter((id) => needing.includes(id))).toEqual([]);
    expect(first.totals).toEqual([first.ids.length]);
    expect((await walkPages(client, { filter: { needsAttention: true } }, 50)).ids).not.toContain(own);
  });
});

describe("the platform docs' scenario, end to end", () => {
  test("wrong key refused; `secret` saved VALID; used by two flows; delete refused naming the active one; works after deactivation", async () => {
    const wrongKey = `pk_wrong_${randomBytes(8).toString("hex")}`;
    issuedKeys.push(wrongKey);
    const before = await countOf("petstore");

    const refused = await api().client.request(CreateCredentialDocument, {
      input: { componentKey: "petstore", authType: "API_KEY", name: null, values: { apiKey: wrongKey } },
    });
    expect(refused.createCredential).toMatchObject({ __typename: "VerificationFailed", verification: { ok: false, status: "INVALID" } });
    expect(await countOf("petstore")).toBe(before);

    const accountName = unique("Pets production");
    const created = await api().client.request(CreateCredentialDocument, {
      input: { componentKey: "petstore", authType: "API_KEY", name: accountName, values: { apiKey: "secret" } },
    });
    expect(created.createCredential).toMatchObject({ __typename: "CredentialCreated", credential: { name: accountName, status: "VALID" } });
    if (created.createCredential.__typename !== "CredentialCreated") return;
    const credential = created.createCredential.credential;
    expect(await countOf("petstore")).toBe(before + 1);

    const nightly = await createFlow(unique("Nightly pets"), [step("petstore", credential.id)]);
    const onDemand = await createFlow(unique("On-demand pets"), [step("petstore", credential.id)]);
    const { credential: used } = await api().client.request(CredentialDocument, { id: credential.id });
    expect(idsOf(nodes(used!.usage).map((u) => u.flow))).toEqual(idsOf([nightly, onDemand]));

    const { activateFlow } = await api().client.request(ActivateFlowDocument, { input: { id: nightly.id } });
    expect(activateFlow).toMatchObject({ __typename: "FlowSaved", flow: { status: "ACTIVE" } });

    const inUse = await api().client.request(DeleteCredentialDocument, { input: { id: credential.id } });
    expect(inUse.deleteCredential).toMatchObject({ __typename: "CredentialInUse", flows: [{ id: nightly.id, name: nightly.name }] });
    if (inUse.deleteCredential.__typename === "CredentialInUse") {
      expect(inUse.deleteCredential.flows).toHaveLength(1);
      expect(inUse.deleteCredential.message).toContain(nightly.name);
      expect(inUse.deleteCredential.message).not.toContain(onDemand.name);
    }
    expect(await countOf("petstore")).toBe(before + 1);

    await api().client.request(DeactivateFlowDocument, { input: { id: nightly.id } });
    const deleted = await api().client.request(DeleteCredentialDocument, { input: { id: credential.id } });
    expect(deleted.deleteCredential).toEqual({ __typename: "CredentialDeleted", deletedId: credential.id });
    expect(await countOf("petstore")).toBe(before);
    for (const flow of [nightly, onDemand]) expect((await readFlow(flow.id))?.steps[0]?.credential).toBeNull();
  });
});
