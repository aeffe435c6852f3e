import { SetupStatusDocument } from "@latchkey/sdk";
import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { ActionForm } from "@/components/access/action-form";
import { NewAccountFields } from "@/components/access/new-account-fields";
import { ApiProblemBanner } from "@/components/api-problem-banner";
import { PageHeader } from "@/components/page-header";
import { setupAction } from "@/lib/access-actions";
import { loadFromApi } from "@/lib/api";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Set up Latchkey" };

/** First start: the first owner's account and workspace. */
export default async function SetupPage() {
  const status = await loadFromApi((api) => api.request(SetupStatusDocument));
  if (!status.ok) return <ApiProblemBanner problem={status.problem} />;
  if (!status.data.setupStatus.needsSetup) redirect("/sign-in");
  return (
    <div className="auth-card">
      <PageHeader title="Set up Latchkey" description="Create the first owner. You can invite the rest of your team afterwards." />
      <ActionForm action={setupAction} submitLabel="Create owner and workspace">
        <NewAccountFields />
        <label className="field">
          <span className="field__label">Workspace name</span>
          <input className="input" name="workspaceName" placeholder="e.g. Acme integrations" />
        </label>
      </ActionForm>
    </div>
  );
}
