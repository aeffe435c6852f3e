import type { Role, ViewerQuery } from "@latchkey/sdk";

/** What the signed-in person may do here: the UI offers only that; the API still decides every request. */
export interface Permissions {
  /** Create, change and delete credentials and flows (role MEMBER or above, or a token with `write`). */
  canWrite: boolean;
  /** Register components, manage members, API tokens, read the audit log (ADMIN or OWNER). */
  canAdmin: boolean;
  /** The role in words, e.g. "Viewer"; empty when no one is signed in. */
  roleLabel: string;
}

export const ROLE_LABELS: Record<Role, string> = { OWNER: "Owner", ADMIN: "Admin", MEMBER: "Member", VIEWER: "Viewer" };

const RANK: Record<Role, number> = { VIEWER: 0, MEMBER: 1, ADMIN: 2, OWNER: 3 };

export const NO_PERMISSIONS: Permissions = { canWrite: false, canAdmin: false, roleLabel: "" };

export function permissionsOf(viewer: ViewerQuery["viewer"] | null | undefined): Permissions {
  if (!viewer) return NO_PERMISSIONS;
  const role = viewer.role;
  if (role) {
    return { canWrite: RANK[role] >= RANK.MEMBER, canAdmin: RANK[role] >= RANK.ADMIN, roleLabel: ROLE_LABELS[role] };
  }
  const scopes: readonly string[] = viewer.scopes ?? [];
  return { canWrite: scopes.includes("write"), canAdmin: false, roleLabel: "API token" };
}

/** Why an action is not offered, in words: shown where the action would be. */
export function readOnlyReason(permissions: Permissions, what = "change credentials and flows"): string {
  const role = permissions.roleLabel ? `your role is ${permissions.roleLabel}` : "you are not signed in";
  return `You can look but not ${what} here: ${role}. An admin of this workspace can change your role.`;
}
