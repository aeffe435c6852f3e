import {
  AcceptInvitationDocument,
  ApiTokensDocument,
  AuditLogDocument,
  ChangeMemberRoleDocument,
  ComponentsDocument,
  CreateApiTokenDocument,
  CreateCredentialDocument,
  CreateInvitationDocument,
  CredentialsDocument,
  EndSessionDocument,
  LatchkeyRequestError,
  MembersDocument,
  RemoveMemberDocument,
  ResolveCredentialDocument,
  RevokeApiTokenDocument,
  SetupFirstOwnerDocument,
  SetupStatusDocument,
  SignInDocument,
  SwitchWorkspaceDocument,
  ViewerDocument,
  type LatchkeyClient,
} from "@latchkey/sdk";
import { createCredential, expectNoSecretsIn, registerApiKeyComponent, signInOutcomes, TEST_OWNER, useApi, type TestCaller, nodes } from "./harness";

const api = useApi();

async function errorCode(work: Promise<unknown>): Promise<string | undefined> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error === undefined) return "OK";
  if (!(error instanceof LatchkeyRequestError)) throw error;
  return error.code;
}

async function createPetstore(client: LatchkeyClient, name: string): Promise<string> {
  return (await createCredential(client, { componentKey: "petstore", authType: "API_KEY", name, values: { apiKey: "secret" } })).id;
}

async function signIn(caller: TestCaller, email: string, password: string) {
  return (await caller.client.request(SignInDocument, { input: { email, password } })).signIn;
}

const TOO_MANY = /^Too many failed sign-ins/;

/** `attempts` sign-ins at once; how many had their password checked (a wrong-password answer) and how many were refused unchecked. */
async function signInBurst(attempts: { email: string; password: string; address: string }[]) {
  return signInOutcomes(await Promise.all(attempts.map((a) => api().signIn(a.email, a.password, { address: a.address }))));
}

/** The reasons of a person's sign_in.failed audit events, counted. */
async function failureReasons(personId: string): Promise<Record<string, number>> {
  const { auditLog } = await api().client.request(AuditLogDocument, { first: 200, filter: { objectType: "person", objectId: personId } });
  const counts: Record<string, number> = {};
  for (const { node } of auditLog.edges) {
    if (node.action === "sign_in.failed") counts[String(node.details?.reason)] = (counts[String(node.details?.reason)] ?? 0) + 1;
  }
  return counts;
}

describe("sessions", () => {
  test("no credentials, a wrong, malformed or revoked one: UNAUTHENTICATED; public queries still answer", async () => {
    for (const auth of [{}, { session: "lks_nope" }, { token: "lkt_nope" }, { token: "not-a-token" }]) {
      const caller = api().as(auth);
      expect(await errorCode(caller.client.request(CredentialsDocument, {}))).toBe("UNAUTHENTICATED");
      expect((await caller.client.request(ViewerDocument)).viewer).toBeNull();
      expect((await caller.client.request(SetupStatusDocument)).setupStatus.needsSetup).toBe(false);
    }
    const malformed = await api().as({}).post(JSON.stringify({ query: "{ credentials { totalCount } }" }), {
      "content-type": "application/json",
      authorization: "Basic abc",
    });
    expect(malformed.json.errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  test("setup cannot run twice", async () => {
    expect(await errorCode(api().as({}).client.request(SetupFirstOwnerDocument, { input: { ...TEST_OWNER, email: "other@latchkey.test" } }))).toBe(
      "FORBIDDEN",
    );
  });

  test("sign-in sets an HttpOnly SameSite=Lax cookie; sign-out revokes the session on the server", async () => {
    const person = await api().createPerson("MEMBER");
    const signedIn = await api().signIn(person.email, person.password);
    expect(signedIn.result).toBe("SignedIn");
    expect(signedIn.cookie).toMatch(/^latchkey_session=lks_[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    const session = api().as({ session: signedIn.session });
    expect((await session.client.request(ViewerDocument)).viewer?.person?.email).toBe(person.email);
    expect(await session.client.request(EndSessionDocument)).toMatchObject({ endSession: { __typename: "SessionEnded" } });
    expect(await errorCode(session.client.request(CredentialsDocument, {}))).toBe("UNAUTHENTICATED");
    expect((await session.client.request(ViewerDocument)).viewer).toBeNull();
    // The person's other session is untouched.
    expect((await person.client.request(ViewerDocument)).viewer?.person?.email).toBe(person.email);
  });

  test("a wrong password and an unknown email get the same answer; both are audited with the address", async () => {
    const person = await api().createPerson("VIEWER");
    const wrong = await signIn(api().as({}), person.email, "not the password");
    const unknown = await signIn(api().as({}), "nobody@latchkey.test", "not the password");
    expect(wrong).toEqual({ __typename: "SignInFailed", message: "The email or password is not right." });
    expect(unknown).toEqual(wrong);
    const { auditLog } = await api().client.request(AuditLogDocument, { filter: { objectId: person.personId } });
    const failed = auditLog.edges.map((e) => e.node).find((e) => e.action === "sign_in.failed");
    expect(failed).toMatchObject({ actorType: "ANONYMOUS", objectType: "person", remoteAddress: expect.stringMatching(/127\.0\.0\.1/) });
    expectNoSecretsIn(api().responses, [person.password]);
  });

  test("failed sign-ins are limited per account: after 5, even the right password waits; other accounts do not", async () => {
    const person = await api().createPerson("VIEWER");
    const other = await api().createPerson("VIEWER");
    for (let i = 0; i < 5; i++) expect((await signIn(api().as({}), person.email, `wrong ${i}`)).__typename).toBe("SignInFailed");
    const blocked = await signIn(api().as({}), person.email, person.password);
    expect(blocked).toEqual({ __typename: "SignInFailed", message: expect.stringMatching(/Too many failed sign-ins/) });
    expect((await signIn(api().as({}), other.email, other.password)).__typename).toBe("SignedIn");
  });

  test("30 concurrent wrong sign-ins for one account: exactly 5 passwords are checked; then the right one is refused", async () => {
    const person = await api().createPerson("VIEWER");
    const burst = await signInBurst(Array.from({ length: 30 }, (_, i) => ({ email: person.email, password: `wrong password ${i}`, address: "203.0.113.30" })));
    expect(burst).toEqual({ checked: 5, limited: 25 });
    // The audit log agrees: 5 checked and wrong, 25 refused before any check.
    expect(await failureReasons(person.personId)).toEqual({ wrong_password: 5, rate_limited: 25 });
    // Locked per account: the right password, from another address, is refused too and signs nobody in.
    const right = await api().signIn(person.email, person.password, { address: "203.0.113.31" });
    expect(right).toMatchObject({ result: "SignInFailed", message: expect.stringMatching(TOO_MANY), session: undefined });
  });

  test("30 concurrent wrong sign-ins from one address, each for another account: exactly 20 are checked", async () => {
    const address = "203.0.113.40";
    const burst = await signInBurst(Array.from({ length: 30 }, (_, i) => ({ email: `nobody-${i}@latchkey.test`, password: "not the password", address })));
    expect(burst).toEqual({ checked: 20, limited: 10 });
    const person = await api().createPerson("VIEWER");
    expect((await api().signIn(person.email, person.password, { address })).message).toMatch(TOO_MANY);
    expect((await api().signIn(person.email, person.password, { address: "203.0.113.41" })).result).toBe("SignedIn");
  });

  test("a successful sign-in gives its address back the attempt: many people signing in from one address are never limited", async () => {
    const person = await api().createPerson("VIEWER");
    for (let i = 0; i < 25; i++) expect((await api().signIn(person.email, person.password, { address: "203.0.113.50" })).result).toBe("SignedIn");
  });
});

describe("workspaces", () => {
  test("a person in two workspaces acts in the one the header or switchWorkspace names, never in another", async () => {
    const second = await api().createWorkspace("Second workspace");
    const owner = api().owner;
    const inFirst = await createPetstore(api().client, "First's credential");
    const inSecond = await createPetstore(api().as({ session: owner.session, workspaceId: second }).client, "Second's credential");

    const names = async (caller: TestCaller) => (await caller.client.request(CredentialsDocument, {})).credentials.edges.map((e) => e.node.id);
    expect(await names(api())).toContain(inFirst);
    expect(await names(api())).not.toContain(inSecond);
    expect(await names(api().as({ session: owner.session, workspaceId: second }))).toEqual([inSecond]);

    // A session of its own, so the harness's owner session keeps its workspace.
    const fresh = await api().signIn(owner.email, owner.password);
    const ownerSession = api().as({ session: fresh.session });
    expect((await ownerSession.client.request(SwitchWorkspaceDocument, { input: { id: second } })).switchWorkspace.__typename).toBe("WorkspaceSwitched");
    expect(await names(ownerSession)).toEqual([inSecond]);
    expect(await names(api())).toContain(inFirst);
    const outsider = await api().createPerson("ADMIN");
    expect(await errorCode(api().as({ session: outsider.session, workspaceId: second }).client.request(CredentialsDocument, {}))).toBe("FORBIDDEN");
    expect((await outsider.client.request(SwitchWorkspaceDocument, { input: { id: second } })).switchWorkspace.__typename).toBe("NotFound");
  });
});

describe("members and roles", () => {
  test("admins manage members and viewers, not admins or owners; a workspace keeps an owner", async () => {
    const admin = await api().createPerson("ADMIN");
    const otherAdmin = await api().createPerson("ADMIN");
    const member = await api().createPerson("MEMBER");

    expect((await admin.client.request(ChangeMemberRoleDocument, { input: { personId: member.personId, role: "VIEWER" } })).changeMemberRole).toMatchObject({
      __typename: "MemberUpdated",
      member: { role: "VIEWER" },
    });
    expect((await admin.client.request(ChangeMemberRoleDocument, { input: { personId: member.personId, role: "ADMIN" } })).changeMemberRole.__typename).toBe("NotAllowed");
    expect((await admin.client.request(RemoveMemberDocument, { input: { personId: otherAdmin.personId } })).removeMember.__typename).toBe("NotAllowed");
    expect((await admin.client.request(CreateInvitationDocument, { input: { role: "OWNER" } })).createInvitation.__typename).toBe("NotAllowed");
    expect((await api().client.request(ChangeMemberRoleDocument, { input: { personId: api().owner.personId, role: "ADMIN" } })).changeMemberRole.__typename).toBe(
      "InvalidInput",
    );

    expect((await api().client.request(RemoveMemberDocument, { input: { personId: member.personId } })).removeMember).toEqual({
      __typename: "MemberRemoved",
      personId: member.personId,
    });
    expect(await errorCode(member.client.request(CredentialsDocument, {}))).toBe("FORBIDDEN");
    const members = nodes((await api().client.request(MembersDocument, { first: 200 })).members);
    expect(members.map((m) => m.person.id)).not.toContain(member.personId);
  });

  test("an invitation link works once and only until it is used", async () => {
    const { createInvitation } = await api().client.request(CreateInvitationDocument, { input: { role: "VIEWER" } });
    if (createInvitation.__typename !== "InvitationCreated") throw new Error(createInvitation.__typename);
    const newPerson = { name: "Invited", email: `invited-${Date.now()}@latchkey.test`, password: "a long enough password" };
    const first = await api().as({}).client.request(AcceptInvitationDocument, { input: { token: createInvitation.token, newPerson } });
    expect(first.acceptInvitation).toMatchObject({ __typename: "InvitationAccepted", workspace: { role: "VIEWER" } });
    const again = await api()
      .as({})
      .client.request(AcceptInvitationDocument, { input: { token: createInvitation.token, newPerson: { ...newPerson, email: `again-${newPerson.email}` } } });
    expect(again.acceptInvitation.__typename).toBe("NotFound");
  });
});

describe("API tokens", () => {
  test("each scope allows exactly its operations", async () => {
    const id = await createPetstore(api().client, "Scoped");
    const read = await api().createToken(["READ"]);
    const write = await api().createToken(["WRITE"]);
    const use = await api().createToken(["CREDENTIALS_USE"]);

    expect(await errorCode(read.client.request(CredentialsDocument, {}))).toBe("OK");
    expect(await errorCode(read.client.request(CreateCredentialDocument, { input: { componentKey: "petstore", authType: "API_KEY", values: { apiKey: "secret" } } }))).toBe("FORBIDDEN");
    expect(await errorCode(read.client.request(ResolveCredentialDocument, { input: { id } }))).toBe("FORBIDDEN");

    expect(await errorCode(write.client.request(CredentialsDocument, {}))).toBe("FORBIDDEN");
    expect(await errorCode(createPetstore(write.client, "Written by a token"))).toBe("OK");
    expect(await errorCode(write.client.request(ResolveCredentialDocument, { input: { id } }))).toBe("FORBIDDEN");

    expect(await errorCode(use.client.request(CredentialsDocument, {}))).toBe("FORBIDDEN");
    expect(await errorCode(use.client.request(ResolveCredentialDocument, { input: { id } }))).toBe("OK");

    // Tokens never manage people or tokens, whatever their scopes.
    const all = await api().createToken(["READ", "WRITE", "CREDENTIALS_USE"]);
    expect(await errorCode(all.client.request(ApiTokensDocument))).toBe("FORBIDDEN");
    expect(await errorCode(all.client.request(CreateInvitationDocument, { input: { role: "VIEWER" } }))).toBe("FORBIDDEN");
    expect((await all.client.request(ViewerDocument)).viewer).toMatchObject({ person: null, apiToken: { id: all.id }, scopes: ["READ", "WRITE", "CREDENTIALS_USE"] });
  });

  test("registerComponent needs an admin or a token with components:write; write alone is refused", async () => {
    const component = (key: string) => ({ key, name: `Component ${key}`, baseUrl: "https://api.example.com", header: "X-Api-Key" });
    const write = await api().createToken(["READ", "WRITE", "CREDENTIALS_USE"]);
    const components = await api().createToken(["COMPONENTS_WRITE"]);
    const member = await api().createPerson("MEMBER");
    const admin = await api().createPerson("ADMIN");

    expect(await errorCode(registerApiKeyComponent(write.client, component("by-write-token")))).toBe("FORBIDDEN");
    expect(await errorCode(registerApiKeyComponent(member.client, component("by-member")))).toBe("FORBIDDEN");
    expect((await registerApiKeyComponent(components.client, component("by-components-token"))).__typename).toBe("ComponentRegistered");
    expect((await registerApiKeyComponent(admin.client, component("by-admin"))).__typename).toBe("ComponentRegistered");

    const keys = nodes((await api().client.request(ComponentsDocument, { first: 200 })).components).map((c) => c.key);
    expect(keys).toEqual(expect.arrayContaining(["by-components-token", "by-admin"]));
    expect(keys).not.toContain("by-write-token");
    expect(keys).not.toContain("by-member");
    // components:write allows that one mutation and nothing else.
    expect(await errorCode(components.client.request(ComponentsDocument))).toBe("FORBIDDEN");
    expect(await errorCode(createPetstore(components.client, "Not allowed"))).toBe("FORBIDDEN");
    expect((await components.client.request(ViewerDocument)).viewer?.scopes).toEqual(["COMPONENTS_WRITE"]);
  });

  test("an expired token and a revoked token are UNAUTHENTICATED; the list shows last use and revocation", async () => {
    const soon = await api().createToken(["READ"], { expiresAt: new Date(Date.now() + 1500).toISOString() });
    expect(await errorCode(soon.client.request(CredentialsDocument, {}))).toBe("OK");
    await new Promise((resolve) => setTimeout(resolve, 1800));
    expect(await errorCode(soon.client.request(CredentialsDocument, {}))).toBe("UNAUTHENTICATED");

    const revoked = await api().createToken(["READ"]);
    expect(await errorCode(revoked.client.request(CredentialsDocument, {}))).toBe("OK");
    expect((await api().client.request(RevokeApiTokenDocument, { input: { id: revoked.id } })).revokeApiToken.__typename).toBe("ApiTokenRevoked");
    expect(await errorCode(revoked.client.request(CredentialsDocument, {}))).toBe("UNAUTHENTICATED");

    const apiTokens = nodes((await api().client.request(ApiTokensDocument, { first: 200 })).apiTokens);
    const listed = apiTokens.find((t) => t.id === revoked.id)!;
    expect(listed).toMatchObject({ tokenStart: revoked.token.slice(0, 8), scopes: ["READ"] });
    expect(listed.lastUsedAt).not.toBeNull();
    expect(listed.revokedAt).not.toBeNull();
    expect(await errorCode(api().client.request(CreateCredentialDocument, { input: { componentKey: "petstore", authType: "API_KEY", values: { apiKey: "secret" } } }))).toBe("OK");
    expect(nodes((await api().client.request(ApiTokensDocument, { first: 200 })).apiTokens).some((t) => JSON.stringify(t).includes(revoked.token))).toBe(false);
  });
});

describe("tokens follow their creator", () => {
  async function createTokenAs(caller: TestCaller, name: string) {
    const { createApiToken } = await caller.client.request(CreateApiTokenDocument, { input: { name, scopes: ["CREDENTIALS_USE"] } });
    if (createApiToken.__typename !== "ApiTokenCreated") throw new Error(createApiToken.__typename);
    return { id: createApiToken.apiToken.id, createdBy: createApiToken.apiToken.createdBy, runtime: api().as({ token: createApiToken.token }) };
  }
  const resolves = async (runtime: TestCaller, id: string) => errorCode(runtime.client.request(ResolveCredentialDocument, { input: { id } }));

  test("removing a person revokes every token they created in the workspace, audited; others' tokens stay valid", async () => {
    const id = await createPetstore(api().client, "Used by runtimes");
    const admin = await api().createPerson("ADMIN");
    const adminsToken = await createTokenAs(admin, "Admin's runtime");
    const ownersToken = await createTokenAs(api(), "Owner's runtime");
    expect(adminsToken.createdBy).toEqual({ id: admin.personId, name: expect.any(String) });
    expect(await resolves(adminsToken.runtime, id)).toBe("OK");
    // A token does not learn who created it.
    expect((await adminsToken.runtime.client.request(ViewerDocument)).viewer?.apiToken).toMatchObject({ id: adminsToken.id, createdBy: null });

    expect((await api().client.request(RemoveMemberDocument, { input: { personId: admin.personId } })).removeMember.__typename).toBe("MemberRemoved");
    expect(await resolves(adminsToken.runtime, id)).toBe("UNAUTHENTICATED");
    expect(await resolves(ownersToken.runtime, id)).toBe("OK");

    const apiTokens = nodes((await api().client.request(ApiTokensDocument, { first: 200 })).apiTokens);
    expect(apiTokens.find((t) => t.id === adminsToken.id)).toMatchObject({ revokedAt: expect.any(String), createdBy: { id: admin.personId } });
    expect(apiTokens.find((t) => t.id === ownersToken.id)).toMatchObject({ revokedAt: null, createdBy: { id: api().owner.personId } });
    const revocations = async (tokenId: string) =>
      (await api().client.request(AuditLogDocument, { filter: { objectType: "api_token", objectId: tokenId } })).auditLog.edges
        .map((e) => e.node)
        .filter((e) => e.action === "api_token.revoke");
    expect(await revocations(adminsToken.id)).toEqual([
      expect.objectContaining({ actorType: "PERSON", actorId: api().owner.personId, details: { name: "Admin's runtime", reason: "creator_left_workspace" } }),
    ]);
    expect(await revocations(ownersToken.id)).toEqual([]);
  });

  test("an owner who leaves (removes themselves) takes their tokens along; in other workspaces theirs stay", async () => {
    const id = await createPetstore(api().client, "Used by a leaving owner's runtime");
    const leaving = await api().createPerson("OWNER");
    const leavingToken = await createTokenAs(leaving, "Leaving owner's runtime");
    // The same person's token in a workspace they stay in.
    const elsewhere = await api().createWorkspace("Workspace the owner stays in");
    const { createInvitation } = await api().as({ session: api().owner.session, workspaceId: elsewhere }).client.request(CreateInvitationDocument, { input: { role: "ADMIN" } });
    if (createInvitation.__typename !== "InvitationCreated") throw new Error(createInvitation.__typename);
    expect((await leaving.client.request(AcceptInvitationDocument, { input: { token: createInvitation.token } })).acceptInvitation.__typename).toBe("InvitationAccepted");
    const inElsewhere = api().as({ session: leaving.session, workspaceId: elsewhere });
    const elsewhereCredential = await createPetstore(inElsewhere.client, "Elsewhere");
    const staysToken = await createTokenAs(inElsewhere, "Stays");

    expect((await leaving.client.request(RemoveMemberDocument, { input: { personId: leaving.personId } })).removeMember.__typename).toBe("MemberRemoved");
    expect(await resolves(leavingToken.runtime, id)).toBe("UNAUTHENTICATED");
    expect(await resolves(staysToken.runtime, elsewhereCredential)).toBe("OK");
  });
});

describe("resolveCredential", () => {
  test("returns the decrypted values to a credentials:use token, audited; people and other scopes are refused", async () => {
    const id = await createPetstore(api().client, "For the runtime");
    const runtime = await api().createToken(["CREDENTIALS_USE"], { name: "Flow runtime" });
    const { resolveCredential } = await runtime.client.request(ResolveCredentialDocument, { input: { id } });
    expect(resolveCredential).toMatchObject({ __typename: "ResolvedCredential", credential: { id, name: "For the runtime" }, secrets: { apiKey: "secret" }, expiresAt: null });

    expect(await errorCode(api().client.request(ResolveCredentialDocument, { input: { id } }))).toBe("FORBIDDEN");
    const { auditLog } = await api().client.request(AuditLogDocument, { filter: { objectId: id, objectType: "credential" } });
    const actions = auditLog.edges.map((e) => e.node);
    expect(actions.filter((e) => e.action === "credential.resolve")).toEqual([
      expect.objectContaining({ actorType: "API_TOKEN", actorId: runtime.id, actorName: "Flow runtime", objectId: id }),
    ]);
    expect(actions.map((e) => e.action)).toContain("credential.create");
    expect(JSON.stringify(auditLog)).not.toContain("secret\"");
  });
});

describe("audit log", () => {
  test("pages newest first with a keyset cursor, filters by actor, and is for admins only", async () => {
    for (let i = 0; i < 3; i++) await createPetstore(api().client, `Audited ${i}`);
    const first = await api().client.request(AuditLogDocument, { first: 2, filter: { actorId: api().owner.personId } });
    expect(first.auditLog.edges).toHaveLength(2);
    expect(first.auditLog.pageInfo.hasNextPage).toBe(true);
    const next = await api().client.request(AuditLogDocument, { first: 2, after: first.auditLog.pageInfo.endCursor, filter: { actorId: api().owner.personId } });
    const ids = [...first.auditLog.edges, ...next.auditLog.edges].map((e) => Number(e.node.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...first.auditLog.edges, ...next.auditLog.edges].every((e) => e.node.actorId === api().owner.personId)).toBe(true);

    const member = await api().createPerson("MEMBER");
    expect(await errorCode(member.client.request(AuditLogDocument, {}))).toBe("FORBIDDEN");
    expect(await errorCode(api().client.request(AuditLogDocument, { after: "bogus" }))).toBe("BAD_USER_INPUT");
  });
});
