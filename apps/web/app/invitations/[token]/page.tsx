import { InvitationPreviewDocument } from "@latchkey/sdk";
import type { Metadata } from "next";

import { ActionForm } from "@/components/access/action-form";
import { NewAccountFields } from "@/components/access/new-account-fields";
import { ApiProblemBanner } from "@/components/api-problem-banner";
import { PageHeader } from "@/components/page-header";
import { acceptInvitationAction } from "@/lib/access-actions";
import { combineResults, loadFromApi, loadViewer } from "@/lib/api";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Invitation" };

/** An invitation link: join with the account you are signed in with, or create one. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const loaded = await Promise.all([loadFromApi((api) => api.request(InvitationPreviewDocument, { token })), loadViewer()]);
  const result = combineResults(loaded);
  if (!result.ok) return <ApiProblemBanner problem={result.problem} />;
  const [{ invitation }, { viewer }] = result.data;
  if (!invitation) {
    return (
      <div className="auth-card">
        <PageHeader title="This invitation link does not work" description="It was used, revoked or has expired. Ask for a new one." />
      </div>
    );
  }
  return (
    <div className="auth-card">
      <PageHeader
        title={`Join ${invitation.workspaceName}`}
        description={`You are invited as ${invitation.role.toLowerCase()}.`}
      />
      <ActionForm action={acceptInvitationAction} submitLabel={viewer?.person ? `Join as ${viewer.person.name}` : "Create account and join"}>
        <input type="hidden" name="token" value={token} />
        {viewer?.person ? null : <NewAccountFields />}
      </ActionForm>
    </div>
  );
}
