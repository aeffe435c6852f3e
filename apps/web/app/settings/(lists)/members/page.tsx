import { InvitationsDocument, MembersDocument, type Role } from "@latchkey/sdk";
import type { Metadata } from "next";

import { ActionForm } from "@/components/access/action-form";
import { ApiProblemBanner } from "@/components/api-problem-banner";
import { DataTable } from "@/components/data-table";
import { PageHeader } from "@/components/page-header";
import { Pager } from "@/components/pager";
import { changeMemberRoleAction, createInvitationAction, removeMemberAction, revokeInvitationAction } from "@/lib/access-actions";
import { combineResults, loadFromApi, loadViewer } from "@/lib/api";
import { formatCount, formatDateTime } from "@/lib/format";
import { pageVariables } from "@/lib/paging";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Members" };

/** The invitations' pager parameters: `?invitations-after=`, `?invitations-before=`. */
const INVITATIONS = "invitations-";
const ROLES: Role[] = ["OWNER", "ADMIN", "MEMBER", "VIEWER"];
const ROLE_LABELS: Record<Role, string> = { OWNER: "Owner", ADMIN: "Admin", MEMBER: "Member", VIEWER: "Viewer" };

function RoleSelect({ name = "role", value, label }: { name?: string; value: Role; label: string }) {
  return (
    <select className="input" name={name} defaultValue={value} aria-label={label}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </select>
  );
}

export default async function MembersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const search = await searchParams;
  const loaded = await Promise.all([
    loadFromApi((api) => api.request(MembersDocument, pageVariables(search))),
    loadFromApi((api) => api.request(InvitationsDocument, pageVariables(search, INVITATIONS))),
    loadViewer(),
  ]);
  const result = combineResults(loaded);
  const header = (
    <PageHeader
      title="Members"
      eyebrow="Settings"
      description="Viewers read; members manage credentials and flows; admins also register components and manage members and API tokens; owners also manage admins."
    />
  );
  if (!result.ok) {
    return (
      <>
        {header}
        <ApiProblemBanner problem={result.problem} />
      </>
    );
  }
  const [{ members: memberPage }, { invitations: invitationPage }, { viewer }] = result.data;
  const members = memberPage.edges.map((edge) => edge.node);
  const invitations = invitationPage.edges.map((edge) => edge.node);
  return (
    <>
      {header}
      <section className="section" aria-labelledby="invite-title">
        <h2 id="invite-title" className="section__title">
          Invite someone
        </h2>
        <p className="muted">Create a link and send it yourself: it works once, for 7 days.</p>
        <ActionForm action={createInvitationAction} submitLabel="Create invitation link" className="form form--inline" revealLabel="Invitation link" revealIsPath>
          <label className="field">
            <span className="field__label">Role</span>
            <RoleSelect value="MEMBER" label="Role of the invited person" />
          </label>
        </ActionForm>
      </section>

      <section className="section" aria-labelledby="members-title">
        <h2 id="members-title" className="section__title">
          {formatCount(memberPage.totalCount, "member")}
        </h2>
        <DataTable columns={["Name", "Email", "Role", "Joined", { label: "Remove", hidden: true }]}>
          {members.map((member) => (
            <tr key={member.person.id}>
              <th scope="row" data-label="Name" className="data-table__name">
                {member.person.name}
                {member.person.id === viewer?.person?.id ? <span className="muted"> (you)</span> : null}
              </th>
              <td data-label="Email">{member.person.email}</td>
              <td data-label="Role">
                <ActionForm action={changeMemberRoleAction} submitLabel="Change" className="form--inline" submitClassName="button button--secondary" resetOnError>
                  <input type="hidden" name="personId" value={member.person.id} />
                  <RoleSelect value={member.role} label={`Role of ${member.person.name}`} />
                </ActionForm>
              </td>
              <td data-label="Joined">{formatDateTime(member.joinedAt)}</td>
              <td>
                <ActionForm action={removeMemberAction} submitLabel="Remove" className="form--inline" submitClassName="link-button">
                  <input type="hidden" name="personId" value={member.person.id} />
                </ActionForm>
              </td>
            </tr>
          ))}
        </DataTable>
        <Pager pageInfo={memberPage.pageInfo} search={search} label="Members" />
      </section>

      {invitations.length > 0 ? (
        <section className="section" aria-labelledby="invitations-title">
          <h2 id="invitations-title" className="section__title">
            Pending invitations
          </h2>
          <DataTable columns={["Role", "Created", "Expires", { label: "Revoke", hidden: true }]}>
            {invitations.map((invitation) => (
              <tr key={invitation.id}>
                <td data-label="Role">{ROLE_LABELS[invitation.role]}</td>
                <td data-label="Created">{formatDateTime(invitation.createdAt)}</td>
                <td data-label="Expires">{formatDateTime(invitation.expiresAt)}</td>
                <td>
                  <form action={revokeInvitationAction}>
                    <input type="hidden" name="id" value={invitation.id} />
                    <button type="submit" className="link-button">
                      Revoke
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </DataTable>
          <Pager pageInfo={invitationPage.pageInfo} search={search} prefix={INVITATIONS} label="Pending invitations" />
        </section>
      ) : null}
    </>
  );
}
