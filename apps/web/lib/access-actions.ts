"use server";

import {
  AcceptInvitationDocument,
  ChangeMemberRoleDocument,
  CreateApiTokenDocument,
  CreateInvitationDocument,
  EndSessionDocument,
  LatchkeyError,
  RemoveMemberDocument,
  RevokeApiTokenDocument,
  RevokeInvitationDocument,
  SetupFirstOwnerDocument,
  SignInDocument,
  SwitchWorkspaceDocument,
  type ApiTokenScope,
  type Role,
} from "@latchkey/sdk";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { getApiClient, withSessionCookie } from "./api";
import { attempt, problem, text, type FormState } from "./form-state";
import { sameOriginPath } from "./same-origin-path";

export async function setupAction(_: FormState, form: FormData): Promise<FormState> {
  const state = await attempt(async () => {
    const { setupFirstOwner } = await withSessionCookie((api) =>
      api.request(SetupFirstOwnerDocument, {
        input: { name: text(form, "name"), email: text(form, "email"), password: text(form, "password"), workspaceName: text(form, "workspaceName") || null },
      }),
    );
    return setupFirstOwner.__typename === "SignedIn" ? {} : problem(setupFirstOwner);
  });
  if (state.error) return state;
  redirect("/");
}

export async function signInAction(_: FormState, form: FormData): Promise<FormState> {
  const state = await attempt(async () => {
    const { signIn } = await withSessionCookie((api) => api.request(SignInDocument, { input: { email: text(form, "email"), password: text(form, "password") } }));
    return signIn.__typename === "SignedIn" ? {} : problem(signIn);
  });
  if (state.error) return state;
  redirect(sameOriginPath(text(form, "next")));
}

export async function signOutAction(): Promise<void> {
  await withSessionCookie((api) => api.request(EndSessionDocument)).catch((error: unknown) => {
    // Already signed out (expired or revoked): nothing to end.
    if (!(error instanceof LatchkeyError && error.code === "UNAUTHENTICATED")) throw error;
  });
  redirect("/sign-in");
}

export async function switchWorkspaceAction(form: FormData): Promise<void> {
  const api = await getApiClient();
  await api.request(SwitchWorkspaceDocument, { input: { id: text(form, "workspaceId") } });
  revalidatePath("/", "layout");
  redirect("/");
}

export async function acceptInvitationAction(_: FormState, form: FormData): Promise<FormState> {
  const state = await attempt(async () => {
    const newPerson = form.has("email") ? { name: text(form, "name"), email: text(form, "email"), password: text(form, "password") } : null;
    const { acceptInvitation } = await withSessionCookie((api) => api.request(AcceptInvitationDocument, { input: { token: text(form, "token"), newPerson } }));
    if (acceptInvitation.__typename !== "InvitationAccepted") return problem(acceptInvitation);
    await (await getApiClient()).request(SwitchWorkspaceDocument, { input: { id: acceptInvitation.workspace.id } }).catch(() => undefined);
    return {};
  });
  if (state.error) return state;
  redirect("/");
}

export async function createInvitationAction(_: FormState, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const { createInvitation } = await (await getApiClient()).request(CreateInvitationDocument, { input: { role: text(form, "role") as Role } });
    if (createInvitation.__typename !== "InvitationCreated") return problem(createInvitation);
    revalidatePath("/settings/members");
    return { reveal: `/invitations/${createInvitation.token}` };
  });
}

export async function revokeInvitationAction(form: FormData): Promise<void> {
  await (await getApiClient()).request(RevokeInvitationDocument, { input: { id: text(form, "id") } });
  revalidatePath("/settings/members");
}

export async function changeMemberRoleAction(_: FormState, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const { changeMemberRole } = await (await getApiClient()).request(ChangeMemberRoleDocument, { input: {
      personId: text(form, "personId"),
      role: text(form, "role") as Role,
    } });
    if (changeMemberRole.__typename !== "MemberUpdated") return problem(changeMemberRole);
    revalidatePath("/settings/members");
    return {};
  });
}

export async function removeMemberAction(_: FormState, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const { removeMember } = await (await getApiClient()).request(RemoveMemberDocument, { input: { personId: text(form, "personId") } });
    if (removeMember.__typename !== "MemberRemoved") return problem(removeMember);
    revalidatePath("/settings/members");
    return {};
  });
}

export async function createApiTokenAction(_: FormState, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const expires = text(form, "expiresOn");
    const { createApiToken } = await (await getApiClient()).request(CreateApiTokenDocument, {
      input: {
        name: text(form, "name"),
        scopes: form.getAll("scopes").map(String) as ApiTokenScope[],
        expiresAt: expires ? new Date(`${expires}T23:59:59Z`).toISOString() : null,
      },
    });
    if (createApiToken.__typename !== "ApiTokenCreated") return problem(createApiToken);
    revalidatePath("/settings/api-tokens");
    return { reveal: createApiToken.token };
  });
}

export async function revokeApiTokenAction(form: FormData): Promise<void> {
  await (await getApiClient()).request(RevokeApiTokenDocument, { input: { id: text(form, "id") } });
  revalidatePath("/settings/api-tokens");
}
