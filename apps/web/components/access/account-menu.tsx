import { WorkspacesDocument } from "@latchkey/sdk";

import { signOutAction, switchWorkspaceAction } from "@/lib/access-actions";
import { getApiClient, loadViewer } from "@/lib/api";

/** The header's right side: the workspace switcher and the signed-in person with sign-out; nothing when signed out. */
export async function AccountMenu() {
  let data;
  try {
    const result = await loadViewer();
    if (!result.ok) return null;
    const { viewer } = result.data;
    if (!viewer?.person) return null;
    const api = await getApiClient();
    data = { viewer, workspaces: (await api.request(WorkspacesDocument)).workspaces };
  } catch {
    // The API is unreachable or the session ended: the page itself says so.
    return null;
  }
  const { viewer, workspaces } = data;
  return (
    <div className="account">
      {workspaces.length > 1 ? (
        <form action={switchWorkspaceAction} className="account__form">
          <label className="visually-hidden" htmlFor="workspace-switcher">
            Workspace
          </label>
          <select id="workspace-switcher" className="input" name="workspaceId" defaultValue={viewer.workspace?.id}>
            {workspaces.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--secondary">
            Switch
          </button>
        </form>
      ) : viewer.workspace ? (
        <span className="account__workspace" data-testid="current-workspace">
          {viewer.workspace.name}
        </span>
      ) : null}
      <span className="muted" title={viewer.person!.email}>
        {viewer.person!.name}
      </span>
      <form action={signOutAction}>
        <button type="submit" className="link-button">
          Sign out
        </button>
      </form>
    </div>
  );
}
