import { InvitationPreviewDocument, ViewerDocument } from "@latchkey/sdk";
import type { Metadata } from "next";

import { ActionForm } from "@/components/access/action-form";
import { ApiProblemBanner } from "@/components/api-problem-banner";
import { PageHeader } from "@/components/page-header";
import { acceptInvitationAction } from "@/lib/access-actions";
import { loadFromApi } from "@/lib/api";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Invitation" };

/** An invitation link: join with the account you are signed in with, or create one. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const result = await loadFromApi(async (api) => ({
    ...(await api.request(InvitationPreviewDocument, { token })),
    ...(await api.request(ViewerDocument)),
  }));
  if (!result.ok) return <ApiProblemBanner problem={result.problem} />;
  const { invitation, viewer } = result.data;
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
        {viewer?.person ? null : (
          <>
            <label className="field">
              <span className="field__label">Your name</span>
              <input className="input" name="name" autoComplete="name" required />
            </label>
            <label className="field">
              <span className="field__label">Email</span>
              <input className="input" name="email" type="email" autoComplete="email" required />
            </label>
            <label className="field">
              <span className="field__label">Password</span>
              <input className="input" name="password" type="password" autoComplete="new-password" minLength={10} required />
              <span className="field__hint">At least 10 characters.</span>
            </label>
          </>
        )}
      </ActionForm>
    </div>
  );
}
