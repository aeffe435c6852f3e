import { randomBytes, randomUUID } from "node:crypto";
import {
  and,
  apiTokens,
  asc,
  auditEvents,
  count,
  eq,
  getTableColumns,
  gt,
  inArray,
  invitations,
  isNull,
  memberships,
  or,
  people,
  sessions,
  signInFailures,
  sql,
  workspaces,
  type Database,
  type Executor,
  type SQL,
  type StoredRole,
  type StoredScope,
  type Transaction,
} from "@latchkey/db";
import { z } from "zod";
import { syncCatalog } from "../components/component-service";
import type { ComponentDescriptor } from "../components/descriptor-schema";
import { invalidInput, notFound, type InvalidInput, type NotFound } from "../results";
import { isId, parseInput, zName } from "../validation";
import { auditEventRow, currentAuditActor, listAuditEvents, recordAudit, type AuditActor, type AuditEventRecord } from "./audit";
import { countOf, keysetPage, mapPage, type Page, type PageArgs } from "../paging";
import { hashPassword, hashToken, newToken, verifyPassword } from "./secrets";

export const ROLES = ["OWNER", "ADMIN", "MEMBER", "VIEWER"] as const satisfies readonly StoredRole[];
export type Role = StoredRole;
export const SCOPES = ["read", "write", "components:write", "credentials:use"] as const satisfies readonly StoredScope[];
export type Scope = StoredScope;

const ROLE_RANK: Record<Role, number> = { VIEWER: 0, MEMBER: 1, ADMIN: 2, OWNER: 3 };

/** Whether `role` has at least the powers of `needed`. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed];
}

/** Owners manage owners and admins; admins manage members and viewers. */
function mayManageRole(actorRole: Role, role: Role): boolean {
  return actorRole === "OWNER" || (actorRole === "ADMIN" && !roleAtLeast(role, "ADMIN"));
}

/** How long a valid API token's look-up is reused; a revocation through another replica takes effect within it. */
export const TOKEN_CACHE_TTL_MS = 5_000;
const TOKEN_CACHE_MAX = 10_000;
export const SESSION_TTL_MS = 14 * 24 * 3600_000;
export const INVITATION_TTL_MS = 7 * 24 * 3600_000;
/** lastUsedAt of sessions and tokens is written at most this often (not one write per request). */
export const LAST_USE_PRECISION_MS = 60_000;
export const SIGN_IN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
export const MIN_PASSWORD_LENGTH = 10;

export interface PersonRecord {
  id: string;
  name: string;
  email: string;
}
export interface WorkspaceRecord {
  id: string;
  name: string;
  slug: string;
}
export interface WorkspaceMembershipRecord extends WorkspaceRecord {
  role: Role;
}
/** A workspace as the API shows it: with the person's role, or null for an API token. */
export type WorkspaceView = WorkspaceRecord & { role: Role | null };
export interface MemberRecord {
  person: PersonRecord;
  role: Role;
  joinedAt: Date;
}
export interface InvitationRecord {
  id: string;
  workspaceId: string;
  role: Role;
  createdAt: Date;
  expiresAt: Date;
}
export interface ApiTokenRecord {
  id: string;
  workspaceId: string;
  name: string;
  tokenStart: string;
  scopes: Scope[];
  /**
   * Who created the token; null when that was not recorded (the person no longer exists). When the
   * creator leaves the workspace, the token is revoked.
   */
  createdBy: PersonRecord | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** Who a request acts as, after its credentials were checked. */
export type Principal =
  | { kind: "person"; person: PersonRecord; sessionId: string; workspace: WorkspaceRecord | null; role: Role | null }
  | { kind: "token"; token: ApiTokenRecord; workspace: WorkspaceRecord };

export interface SignedIn {
  __typename: "SignedIn";
  person: PersonRecord;
  workspace: WorkspaceRecord | null;
  /** Goes into the session cookie; never into a response body. */
  sessionToken: string;
}
export interface SignInFailed {
  __typename: "SignInFailed";
  message: string;
}
export interface AlreadySetUp {
  __typename: "AlreadySetUp";
  message: string;
}
export interface NotAllowed {
  __typename: "NotAllowed";
  message: string;
}

const zEmail = z.string().trim().toLowerCase().max(254, "Must be at most 254 characters.").pipe(z.email("Must be an email address."));
const zPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Must be at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(256, "Must be at most 256 characters.");
const zNewPerson = z.object({ name: zName, email: zEmail, password: zPassword });
const zSetupInput = zNewPerson.extend({ workspaceName: zName.nullish() });
const zTokenInput = z.object({
  name: zName,
  scopes: z
    .array(z.enum(SCOPES))
    .min(1, "Choose at least one scope.")
    .transform((s) => [...new Set(s)]),
  expiresAt: z
    .date()
    .nullish()
    .refine((d) => d == null || d.getTime() > Date.now(), "Must be in the future."),
});

type PersonRow = typeof people.$inferSelect;
type TokenRow = typeof apiTokens.$inferSelect;

const toPerson = (row: PersonRow): PersonRecord => ({ id: row.id, name: row.name, email: row.email });
const toWorkspace = (row: typeof workspaces.$inferSelect): WorkspaceRecord => ({ id: row.id, name: row.name, slug: row.slug });
function toToken(row: TokenRow, creator: PersonRow | null): ApiTokenRecord {
  const { tokenHash: _hash, createdBy: _by, ...rest } = row;
  return { ...rest, createdBy: creator ? toPerson(creator) : null };
}

/** API tokens with their creator (one statement). */
async function selectTokens(db: Executor, where: SQL | undefined): Promise<ApiTokenRecord[]> {
  const rows = await db.select({ token: apiTokens, creator: people }).from(apiTokens).leftJoin(people, eq(people.id, apiTokens.createdBy)).where(where);
  return rows.map((r) => toToken(r.token, r.creator));
}

// Any constant works; it only serialises first-owner setups of one database.
const SETUP_LOCK_ID = 72_317_002;

/**
 * People, workspaces, memberships, sessions, invitations and API tokens: who may do what. Tokens
 * of every kind are stored only as SHA-256 digests; passwords as argon2id hashes.
 */
export class AccessService {
  private setUp = false;
  /** Valid API tokens by their digest (authenticateToken). */
  private readonly tokenCache = new Map<string, { principal: Principal & { kind: "token" }; expiresAt: Date | null; until: number }>();
  private tokenGeneration = 0;

  constructor(
    private readonly db: Database,
    private readonly catalog: ComponentDescriptor[],
    private readonly tokenCacheMs: number = TOKEN_CACHE_TTL_MS,
  ) {}

  /** Whether the first owner exists (cached once true: it never becomes false again). */
  async isSetUp(): Promise<boolean> {
    if (this.setUp) return true;
    const [row] = await this.db.select({ n: count() }).from(people);
    this.setUp = Number(row?.n ?? 0) > 0;
    return this.setUp;
  }

  /**
   * Creates the first owner and their workspace, and signs them in. A workspace that already has
   * data but no member (from before sign-in existed) becomes theirs instead of a new one.
   */
  async setupFirstOwner(input: unknown): Promise<(SignedIn & { workspaceCreated: boolean }) | InvalidInput | AlreadySetUp> {
    const parsed = parseInput(zSetupInput, input);
    if (!parsed.ok) return parsed.problem;
    const { name, email, password, workspaceName } = parsed.value;
    // Checked before the (deliberately slow) hash, so setup cannot be used to load the server.
    if (await this.isSetUp()) return { __typename: "AlreadySetUp", message: "Latchkey already has an owner: sign in instead." };
    const passwordHash = await hashPassword(password);
    const result = await this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK_ID})`);
      const [existing] = await tx.select({ id: people.id }).from(people).limit(1);
      if (existing) return undefined;
      const person = await insertPerson(tx, { name, email, passwordHash });
      const [unowned] = await tx
        .select()
        .from(workspaces)
        .where(sql`not exists (select 1 from ${memberships} where ${memberships.workspaceId} = ${workspaces.id})`)
        .orderBy(asc(workspaces.createdAt))
        .limit(1);
      const workspace = unowned ? toWorkspace(unowned) : await this.insertWorkspace(tx, workspaceName || `${name}'s workspace`);
      if (unowned && workspaceName) await tx.update(workspaces).set({ name: workspaceName }).where(eq(workspaces.id, unowned.id));
      const actor: AuditActor = { ...currentAuditActor(), type: "person", id: person.id, name: person.name };
      await addMembership(tx, workspace.id, person.id, "OWNER", actor);
      await recordAudit(tx, { workspaceId: workspace.id, action: "setup.first_owner", objectType: "person", objectId: person.id }, actor);
      const sessionToken = await insertSession(tx, person.id, workspace.id);
      await recordAudit(tx, { workspaceId: workspace.id, action: "sign_in", objectType: "person", objectId: person.id }, actor);
      return { person, workspace: workspaceName && unowned ? { ...workspace, name: workspaceName } : workspace, sessionToken, workspaceCreated: !unowned };
    });
    if (!result) return { __typename: "AlreadySetUp", message: "Latchkey already has an owner: sign in instead." };
    this.setUp = true;
    return { __typename: "SignedIn", ...result };
  }

  /**
   * Checks a password. Failures are counted per account (email) and per address in the database,
   * atomically and before the password is checked (takeSignInAttempt), so the limit holds under
   * concurrency and across API processes; the answer never says whether the email exists.
   */
  async signIn(input: { email: unknown; password: unknown }, address: string | null): Promise<SignedIn | SignInFailed | InvalidInput> {
    const email = typeof input.email === "string" ? input.email.trim().toLowerCase() : "";
    const password = typeof input.password === "string" ? input.password : "";
    if (!email || !password || email.length > 254 || password.length > 256) {
      return invalidInput([{ field: !email || email.length > 254 ? "email" : "password", message: "Enter your email and password." }]);
    }
    const keys = [`account:${email}`, ...(address ? [`address:${address}`] : [])];
    const [person] = await this.db.select().from(people).where(eq(people.email, email));
    const workspacesOf = person ? await this.listWorkspaces(person.id) : [];
    const memberOf = workspacesOf.map((w) => w.id);
    const auditFailure = (reason: string) =>
      this.db.transaction(async (tx) => {
        for (const workspaceId of memberOf.length > 0 ? memberOf : [null]) {
          await recordAudit(tx, { workspaceId, action: "sign_in.failed", objectType: "person", objectId: person?.id ?? null, details: { reason } });
        }
      });

    if (!(await this.takeSignInAttempt(keys))) {
      await auditFailure("rate_limited");
      return { __typename: "SignInFailed", message: `Too many failed sign-ins. Try again in ${SIGN_IN_WINDOW_MINUTES} minutes.` };
    }
    const ok = await verifyPassword(person?.passwordHash, password);
    if (!person || !ok) {
      // Already counted as a failure: takeSignInAttempt counts every attempt it lets through.
      await auditFailure(person ? "wrong_password" : "unknown_email");
      return { __typename: "SignInFailed", message: "The email or password is not right." };
    }
    const first = workspacesOf[0];
    const workspaceId = first?.id ?? null;
    const actor: AuditActor = { ...currentAuditActor(), type: "person", id: person.id, name: person.name };
    const sessionToken = await this.db.transaction(async (tx) => {
      // Success: the account starts afresh, and the address gets back the attempt counted for it.
      await tx.delete(signInFailures).where(eq(signInFailures.key, keys[0]!));
      if (keys[1]) {
        await tx
          .update(signInFailures)
          .set({ failures: sql`greatest(${signInFailures.failures} - 1, 0)` })
          .where(eq(signInFailures.key, keys[1]));
      }
      for (const id of memberOf) await recordAudit(tx, { workspaceId: id, action: "sign_in", objectType: "person", objectId: person.id }, actor);
      return insertSession(tx, person.id, workspaceId);
    });
    const workspace = first ? { id: first.id, name: first.name, slug: first.slug } : null;
    return { __typename: "SignedIn", person: toPerson(person), workspace, sessionToken };
  }

  /**
   * Takes one sign-in attempt for every key (account, then address), or none: in one transaction
   * the counter rows are created or locked (the upsert holds their row locks until commit; a window
   * older than SIGN_IN_WINDOW_MINUTES starts again at 0), and only when every key is under its limit
   * is the attempt counted, as a failure, before the password is checked. Concurrent attempts for
   * one account or address, from any API process, wait on those row locks, so no more than the
   * limit are ever checked per window. The keys are always locked in the same order (account first).
   */
  private async takeSignInAttempt(keys: string[]): Promise<boolean> {
    const expired = sql`${signInFailures.windowStartedAt} <= ${windowStart()}`;
    return this.db.transaction(async (tx) => {
      const counters = await tx
        .insert(signInFailures)
        .values(keys.map((key) => ({ key, failures: 0, windowStartedAt: new Date() })))
        .onConflictDoUpdate({
          target: signInFailures.key,
          set: {
            failures: sql`case when ${expired} then 0 else ${signInFailures.failures} end`,
            windowStartedAt: sql`case when ${expired} then now() else ${signInFailures.windowStartedAt} end`,
          },
        })
        .returning();
      if (counters.some((c) => c.failures >= (c.key.startsWith("account:") ? MAX_FAILURES_PER_ACCOUNT : MAX_FAILURES_PER_ADDRESS))) return false;
      await tx
        .update(signInFailures)
        .set({ failures: sql`${signInFailures.failures} + 1` })
        .where(inArray(signInFailures.key, keys));
      return true;
    });
  }

  /** The person of a valid session, in the requested workspace (if a member), else the session's. */
  async authenticateSession(token: string, requestedWorkspaceId?: string): Promise<Principal | null> {
    const [row] = await this.db
      .select({ session: sessions, person: people })
      .from(sessions)
      .innerJoin(people, eq(people.id, sessions.personId))
      .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)));
    if (!row) return null;
    const { session, person } = row;
    if (isStale(session.lastUsedAt)) {
      await this.db.update(sessions).set({ lastUsedAt: new Date() }).where(eq(sessions.id, session.id));
    }
    const wanted = requestedWorkspaceId ?? session.workspaceId;
    let membership = wanted && isId(wanted) ? await this.membership(person.id, wanted) : undefined;
    if (!membership && !requestedWorkspaceId) {
      // The session's workspace is gone or the person left it: fall back to their first one.
      const [first] = await this.listWorkspaces(person.id);
      membership = first;
    }
    return {
      kind: "person",
      person: toPerson(person),
      sessionId: session.id,
      workspace: membership ? { id: membership.id, name: membership.name, slug: membership.slug } : null,
      role: membership?.role ?? null,
    };
  }

  /**
   * The workspace and scopes of a valid API token (not revoked, not expired). Look-ups are cached
   * for tokenCacheMs (LATCHKEY_TOKEN_CACHE_MS, 5 s by default): a token revoked through this process stops working at once (the cache
   * is emptied when the revoking transaction commits), one revoked through another replica within
   * that time. Expiry is checked on every use.
   */
  async authenticateToken(token: string): Promise<Principal | null> {
    const hash = hashToken(token);
    const now = Date.now();
    const cached = this.tokenCache.get(hash);
    if (cached && cached.until > now && (cached.expiresAt === null || cached.expiresAt.getTime() > now)) {
      await this.touchToken(cached.principal.token);
      return cached.principal;
    }
    if (cached) this.tokenCache.delete(hash);
    const generation = this.tokenGeneration;
    const [row] = await this.db
      .select({ token: apiTokens, workspace: workspaces, creator: people })
      .from(apiTokens)
      .innerJoin(workspaces, eq(workspaces.id, apiTokens.workspaceId))
      .leftJoin(people, eq(people.id, apiTokens.createdBy))
      .where(
        and(
          eq(apiTokens.tokenHash, hash),
          isNull(apiTokens.revokedAt),
          or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`)),
        ),
      );
    if (!row) return null;
    const principal = { kind: "token" as const, token: toToken(row.token, row.creator), workspace: toWorkspace(row.workspace) };
    await this.touchToken(principal.token);
    // A look-up that began before a revocation committed here must not refill the cache.
    if (generation === this.tokenGeneration && this.tokenCacheMs > 0) {
      if (this.tokenCache.size >= TOKEN_CACHE_MAX) this.tokenCache.delete(this.tokenCache.keys().next().value!);
      this.tokenCache.set(hash, { principal, expiresAt: row.token.expiresAt, until: now + this.tokenCacheMs });
    }
    return principal;
  }

  /** Writes lastUsedAt when it is older than LAST_USE_PRECISION_MS (marked first, so concurrent uses write once). */
  private async touchToken(token: ApiTokenRecord): Promise<void> {
    if (!isStale(token.lastUsedAt)) return;
    const now = new Date();
    token.lastUsedAt = now;
    await this.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, token.id));
  }

  /** After a token was revoked here: no cached look-up survives, and none in flight is stored. */
  private forgetTokens(): void {
    this.tokenGeneration++;
    this.tokenCache.clear();
  }

  async signOut(sessionId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [session] = await tx
        .update(sessions)
        .set({ revokedAt: new Date() })
        .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
        .returning();
      if (session?.workspaceId) {
        await recordAudit(tx, { workspaceId: session.workspaceId, action: "sign_out", objectType: "session", objectId: session.id });
      }
    });
  }

  // -------------------------------------------------------------------------------------------
  // Workspaces and members

  async listWorkspaces(personId: string): Promise<WorkspaceMembershipRecord[]> {
    const rows = await this.db
      .select({ workspace: workspaces, role: memberships.role })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .where(eq(memberships.personId, personId))
      .orderBy(asc(memberships.createdAt), asc(workspaces.id));
    return rows.map((r) => ({ ...toWorkspace(r.workspace), role: r.role }));
  }

  private async membership(personId: string, workspaceId: string): Promise<WorkspaceMembershipRecord | undefined> {
    const [row] = await this.db
      .select({ workspace: workspaces, role: memberships.role })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .where(and(eq(memberships.personId, personId), eq(memberships.workspaceId, workspaceId)));
    return row ? { ...toWorkspace(row.workspace), role: row.role } : undefined;
  }

  /** Makes `workspaceId` the session's current workspace, if the person is a member. */
  async switchWorkspace(sessionId: string, personId: string, workspaceId: string): Promise<WorkspaceMembershipRecord | NotFound> {
    const membership = isId(workspaceId) ? await this.membership(personId, workspaceId) : undefined;
    if (!membership) return notFound("Workspace", workspaceId);
    await this.db.update(sessions).set({ workspaceId }).where(eq(sessions.id, sessionId));
    return membership;
  }

  /** A new workspace owned by its creator, with the built-in catalog. */
  async createWorkspace(personId: string, name: unknown): Promise<WorkspaceMembershipRecord | InvalidInput> {
    const parsed = parseInput(zName, name, "name");
    if (!parsed.ok) return parsed.problem;
    const workspace = await this.db.transaction(async (tx) => {
      const created = await this.insertWorkspace(tx, parsed.value);
      await addMembership(tx, created.id, personId, "OWNER");
      await recordAudit(tx, { workspaceId: created.id, action: "workspace.create", objectType: "workspace", objectId: created.id });
      return created;
    });
    return { ...workspace, role: "OWNER" };
  }

  private async insertWorkspace(tx: Transaction, name: string): Promise<WorkspaceRecord> {
    const slug = `${slugify(name)}-${randomBytes(3).toString("hex")}`;
    const [row] = await tx.insert(workspaces).values({ id: randomUUID(), name, slug }).returning();
    await syncCatalog(tx, row!.id, this.catalog);
    return toWorkspace(row!);
  }

  /** A page of the workspace's members, by name (keyset: the name memberships keep, person id; one index). */
  async listMembers(workspaceId: string, args: PageArgs): Promise<Page<MemberRecord> | InvalidInput> {
    const page = await keysetPage(args, {
      kind: "members",
      keys: [
        { column: memberships.personName, type: "text" },
        { column: memberships.personId, type: "uuid" },
      ],
      fetch: ({ where, orderBy, limit, cursorKeys }) =>
        this.db
          .select({ person: people, role: memberships.role, joinedAt: memberships.createdAt, ...cursorKeys })
          .from(memberships)
          .innerJoin(people, eq(people.id, memberships.personId))
          .where(and(eq(memberships.workspaceId, workspaceId), where))
          .orderBy(...orderBy)
          .limit(limit),
      count: () => countOf(this.db.select({ n: count() }).from(memberships).where(eq(memberships.workspaceId, workspaceId))),
    });
    if ("__typename" in page) return page;
    return { ...page, items: page.items.map((r) => ({ person: toPerson(r.person), role: r.role, joinedAt: r.joinedAt })) };
  }

  /** Changes a member's role: admins manage members and viewers, owners everyone; a workspace keeps an owner. */
  async changeMemberRole(
    workspaceId: string,
    actorRole: Role,
    personId: string,
    role: Role,
  ): Promise<MemberRecord | NotFound | InvalidInput | NotAllowed> {
    return this.changeMember(workspaceId, actorRole, personId, role);
  }

  async removeMember(workspaceId: string, actorRole: Role, personId: string): Promise<MemberRecord | NotFound | InvalidInput | NotAllowed> {
    try {
      return await this.changeMember(workspaceId, actorRole, personId, null);
    } finally {
      // The member's tokens were revoked in that transaction (revokeTokensOfCreator).
      this.forgetTokens();
    }
  }

  private async changeMember(
    workspaceId: string,
    actorRole: Role,
    personId: string,
    role: Role | null,
  ): Promise<MemberRecord | NotFound | InvalidInput | NotAllowed> {
    if (!isId(personId)) return notFound("Member", personId);
    if (role !== null && !ROLES.includes(role)) return invalidInput([{ field: "role", message: "Not a role." }]);
    return this.db.transaction(async (tx) => {
      // Locks every membership of the workspace, so two owners cannot demote each other at once.
      const all = await tx.select().from(memberships).where(eq(memberships.workspaceId, workspaceId)).for("update");
      const target = all.find((m) => m.personId === personId);
      if (!target) return notFound("Member", personId);
      if (!mayManageRole(actorRole, target.role) || (role !== null && !mayManageRole(actorRole, role))) {
        return { __typename: "NotAllowed" as const, message: "Only owners manage owners and admins." };
      }
      if (target.role === "OWNER" && role !== "OWNER" && all.filter((m) => m.role === "OWNER").length === 1) {
        return invalidInput([{ field: "personId", message: "A workspace keeps at least one owner: make someone else owner first." }]);
      }
      if (role === null) {
        await tx.delete(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.personId, personId)));
        await recordAudit(tx, { workspaceId, action: "membership.remove", objectType: "membership", objectId: personId, details: { role: target.role } });
        await revokeTokensOfCreator(tx, workspaceId, personId);
      } else {
        await tx.update(memberships).set({ role }).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.personId, personId)));
        await recordAudit(tx, {
          workspaceId,
          action: "membership.change_role",
          objectType: "membership",
          objectId: personId,
          details: { from: target.role, to: role },
        });
      }
      const [person] = await tx.select().from(people).where(eq(people.id, personId));
      return { person: toPerson(person!), role: role ?? target.role, joinedAt: target.createdAt };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Invitations

  async createInvitation(
    workspaceId: string,
    actor: { personId: string; role: Role },
    role: Role,
  ): Promise<{ invitation: InvitationRecord; token: string } | NotAllowed | InvalidInput> {
    if (!ROLES.includes(role)) return invalidInput([{ field: "role", message: "Not a role." }]);
    if (!mayManageRole(actor.role, role)) return { __typename: "NotAllowed", message: "Only owners invite owners and admins." };
    const token = newToken("invitation");
    const row = await this.db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(invitations)
        .values({
          id: randomUUID(),
          workspaceId,
          role,
          tokenHash: hashToken(token),
          createdBy: actor.personId,
          expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
        })
        .returning();
      await recordAudit(tx, { workspaceId, action: "invitation.create", objectType: "invitation", objectId: inserted!.id, details: { role } });
      return inserted!;
    });
    return { invitation: toInvitation(row), token };
  }

  /** A page of the invitations not yet accepted, revoked or expired, newest first. */
  async listInvitations(workspaceId: string, args: PageArgs): Promise<Page<InvitationRecord> | InvalidInput> {
    const conditions = and(eq(invitations.workspaceId, workspaceId), pendingInvitation());
    const page = await keysetPage(args, {
      kind: "invitations",
      keys: [
        { column: invitations.createdAt, type: "timestamptz" },
        { column: invitations.id, type: "uuid" },
      ],
      descending: true,
      fetch: ({ where, orderBy, limit, cursorKeys }) =>
        this.db
          .select({ ...getTableColumns(invitations), ...cursorKeys })
          .from(invitations)
          .where(and(conditions, where))
          .orderBy(...orderBy)
          .limit(limit),
      count: () => countOf(this.db.select({ n: count() }).from(invitations).where(conditions)),
    });
    return mapPage(page, toInvitation);
  }

  async revokeInvitation(workspaceId: string, id: string): Promise<InvitationRecord | NotFound> {
    if (!isId(id)) return notFound("Invitation", id);
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(invitations)
        .set({ revokedAt: new Date() })
        .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.id, id), pendingInvitation()))
        .returning();
      if (!row) return notFound("Invitation", id);
      await recordAudit(tx, { workspaceId, action: "invitation.revoke", objectType: "invitation", objectId: id });
      return toInvitation(row);
    });
  }

  /** What an invitation link offers, for the page that accepts it; null when it cannot be used. */
  async previewInvitation(token: string): Promise<{ workspace: WorkspaceRecord; role: Role; expiresAt: Date } | null> {
    const [row] = await this.db
      .select({ invitation: invitations, workspace: workspaces })
      .from(invitations)
      .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
      .where(and(eq(invitations.tokenHash, hashToken(token)), pendingInvitation()));
    return row ? { workspace: toWorkspace(row.workspace), role: row.invitation.role, expiresAt: row.invitation.expiresAt } : null;
  }

  /**
   * Uses an invitation once: a signed-in person joins the workspace; someone new gives a name,
   * email and password, and is signed in.
   */
  async acceptInvitation(
    token: string,
    who: { personId: string } | { newPerson: unknown },
  ): Promise<{ workspace: WorkspaceMembershipRecord; person: PersonRecord; sessionToken: string | null } | NotFound | InvalidInput> {
    const newPerson = "newPerson" in who ? parseInput(zNewPerson, who.newPerson) : undefined;
    if (newPerson && !newPerson.ok) return newPerson.problem;
    const invalid = notFound("Invitation", null);
    invalid.message = "This invitation link is not valid: it was used, revoked or has expired.";
    // A cheap look first: a made-up token never costs a password hash.
    const preview = await this.previewInvitation(token);
    if (!preview) return invalid;
    const passwordHash = newPerson?.ok ? await hashPassword(newPerson.value.password) : undefined;
    return this.db.transaction(async (tx) => {
      const [invitation] = await tx
        .select()
        .from(invitations)
        .where(and(eq(invitations.tokenHash, hashToken(token)), pendingInvitation()))
        .for("update");
      if (!invitation) return invalid;
      let person: PersonRecord;
      if (newPerson?.ok) {
        const [taken] = await tx.select({ id: people.id }).from(people).where(eq(people.email, newPerson.value.email));
        if (taken) return invalidInput([{ field: "email", message: "An account with this email exists: sign in, then open the link again." }]);
        person = await insertPerson(tx, { ...newPerson.value, passwordHash: passwordHash! });
      } else {
        const [row] = await tx.select().from(people).where(eq(people.id, (who as { personId: string }).personId));
        if (!row) return invalid;
        person = toPerson(row);
        const [member] = await tx
          .select()
          .from(memberships)
          .where(and(eq(memberships.workspaceId, invitation.workspaceId), eq(memberships.personId, person.id)));
        if (member) return invalidInput([{ field: "token", message: "You are already a member of this workspace." }]);
      }
      const actor: AuditActor = { ...currentAuditActor(), type: "person", id: person.id, name: person.name };
      await tx.update(invitations).set({ acceptedAt: new Date(), acceptedBy: person.id }).where(eq(invitations.id, invitation.id));
      await recordAudit(tx, { workspaceId: invitation.workspaceId, action: "invitation.accept", objectType: "invitation", objectId: invitation.id }, actor);
      await addMembership(tx, invitation.workspaceId, person.id, invitation.role, actor);
      const sessionToken = newPerson ? await insertSession(tx, person.id, invitation.workspaceId) : null;
      // The invitation's token is unique, so the preview read this very invitation's workspace.
      return { workspace: { ...preview.workspace, role: invitation.role }, person, sessionToken };
    });
  }

  // -------------------------------------------------------------------------------------------
  // API tokens

  /** A new token; its value is returned here once and stored only as a digest. */
  async createApiToken(
    workspaceId: string,
    createdBy: string,
    input: unknown,
  ): Promise<{ token: ApiTokenRecord; secret: string } | InvalidInput> {
    const parsed = parseInput(zTokenInput, input);
    if (!parsed.ok) return parsed.problem;
    const secret = newToken("apiToken");
    const token = await this.db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(apiTokens)
        .values({
          id: randomUUID(),
          workspaceId,
          name: parsed.value.name,
          tokenHash: hashToken(secret),
          tokenStart: secret.slice(0, 8),
          scopes: parsed.value.scopes,
          createdBy,
          expiresAt: parsed.value.expiresAt ?? null,
        })
        .returning();
      await recordAudit(tx, {
        workspaceId,
        action: "api_token.create",
        objectType: "api_token",
        objectId: inserted!.id,
        details: { name: inserted!.name, scopes: inserted!.scopes.join(" ") },
      });
      const [created] = await selectTokens(tx, eq(apiTokens.id, inserted!.id));
      return created!;
    });
    return { token, secret };
  }

  /**
   * The workspace's objects of access among the given ids (for `node`/`nodes`), one query per kind:
   * its members' people, pending invitations and API tokens by UUID, audit events by sequence number.
   */
  async findNodes(
    workspaceId: string,
    ids: readonly string[],
  ): Promise<{ people: PersonRecord[]; invitations: InvitationRecord[]; apiTokens: ApiTokenRecord[]; auditEvents: AuditEventRecord[] }> {
    const uuids = ids.filter(isId);
    const seqs = ids.filter((id) => /^[1-9]\d{0,14}$/.test(id)).map(Number);
    const [memberRows, invitationRows, tokens, events] = await Promise.all([
      uuids.length === 0
        ? []
        : this.db
            .select({ person: people })
            .from(memberships)
            .innerJoin(people, eq(people.id, memberships.personId))
            .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.personId, uuids))),
      uuids.length === 0
        ? []
        : this.db
            .select()
            .from(invitations)
            .where(and(eq(invitations.workspaceId, workspaceId), inArray(invitations.id, uuids), pendingInvitation())),
      uuids.length === 0 ? [] : selectTokens(this.db, and(eq(apiTokens.workspaceId, workspaceId), inArray(apiTokens.id, uuids))),
      seqs.length === 0
        ? []
        : this.db
            .select()
            .from(auditEvents)
            .where(and(eq(auditEvents.workspaceId, workspaceId), inArray(auditEvents.seq, seqs))),
    ]);
    return {
      people: memberRows.map((r) => toPerson(r.person)),
      invitations: invitationRows.map(toInvitation),
      apiTokens: tokens,
      auditEvents: events as AuditEventRecord[],
    };
  }

  /** A page of the workspace's API tokens, newest first, revoked ones included. */
  async listApiTokens(workspaceId: string, args: PageArgs): Promise<Page<ApiTokenRecord> | InvalidInput> {
    const conditions = eq(apiTokens.workspaceId, workspaceId);
    const page = await keysetPage(args, {
      kind: "api_tokens",
      keys: [
        { column: apiTokens.createdAt, type: "timestamptz" },
        { column: apiTokens.id, type: "uuid" },
      ],
      descending: true,
      fetch: ({ where, orderBy, limit, cursorKeys }) =>
        this.db
          .select({ token: apiTokens, creator: people, ...cursorKeys })
          .from(apiTokens)
          .leftJoin(people, eq(people.id, apiTokens.createdBy))
          .where(and(conditions, where))
          .orderBy(...orderBy)
          .limit(limit),
      count: () => countOf(this.db.select({ n: count() }).from(apiTokens).where(conditions)),
    });
    return mapPage(page, (r) => toToken(r.token, r.creator));
  }

  async revokeApiToken(workspaceId: string, id: string): Promise<ApiTokenRecord | NotFound> {
    if (!isId(id)) return notFound("API token", id);
    try {
      return await this.revokeApiTokenRow(workspaceId, id);
    } finally {
      this.forgetTokens();
    }
  }

  private revokeApiTokenRow(workspaceId: string, id: string): Promise<ApiTokenRecord | NotFound> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(apiTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
        .returning();
      if (!row) return notFound("API token", id);
      await recordAudit(tx, { workspaceId, action: "api_token.revoke", objectType: "api_token", objectId: id, details: { name: row.name } });
      const [revoked] = await selectTokens(tx, eq(apiTokens.id, id));
      return revoked!;
    });
  }

  // -------------------------------------------------------------------------------------------
  // Audit log

  listAuditLog(
    workspaceId: string,
    args: PageArgs & { objectType?: string | null; objectId?: string | null; actorId?: string | null },
  ): Promise<Page<AuditEventRecord> | InvalidInput> {
    return listAuditEvents(this.db, workspaceId, args);
  }
}

async function insertPerson(tx: Executor, input: { name: string; email: string; passwordHash: string }): Promise<PersonRecord> {
  const [row] = await tx.insert(people).values({ id: randomUUID(), ...input }).returning();
  return toPerson(row!);
}

async function addMembership(tx: Executor, workspaceId: string, personId: string, role: Role, actor?: AuditActor): Promise<void> {
  await tx.insert(memberships).values({ workspaceId, personId, role });
  await recordAudit(tx, { workspaceId, action: "membership.create", objectType: "membership", objectId: personId, details: { role } }, actor);
}

/**
 * Tokens follow their creator: when a person's membership ends, every token they created in that
 * workspace is revoked, in the caller's transaction, with one audit event per token.
 */
async function revokeTokensOfCreator(tx: Transaction, workspaceId: string, personId: string): Promise<void> {
  const revoked = await tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.createdBy, personId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id, name: apiTokens.name });
  if (revoked.length === 0) return;
  await tx.insert(auditEvents).values(
    revoked.map((token) =>
      auditEventRow({
        workspaceId,
        action: "api_token.revoke",
        objectType: "api_token",
        objectId: token.id,
        details: { name: token.name, reason: "creator_left_workspace" },
      }),
    ),
  );
}

async function insertSession(tx: Executor, personId: string, workspaceId: string | null): Promise<string> {
  const token = newToken("session");
  await tx.insert(sessions).values({
    id: randomUUID(),
    tokenHash: hashToken(token),
    personId,
    workspaceId,
    expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    lastUsedAt: new Date(),
  });
  return token;
}

function pendingInvitation() {
  return and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, sql`now()`));
}

function toInvitation(row: typeof invitations.$inferSelect): InvitationRecord {
  return { id: row.id, workspaceId: row.workspaceId, role: row.role, createdAt: row.createdAt, expiresAt: row.expiresAt };
}

function isStale(lastUsedAt: Date | null): boolean {
  return !lastUsedAt || Date.now() - lastUsedAt.getTime() > LAST_USE_PRECISION_MS;
}

function windowStart(): Date {
  return new Date(Date.now() - SIGN_IN_WINDOW_MINUTES * 60_000);
}

function slugify(name: string): string {
  return (
    name
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "workspace"
  );
}
