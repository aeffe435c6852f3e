import { SetupStatusDocument } from "@latchkey/sdk";
import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { ActionForm } from "@/components/access/action-form";
import { ApiProblemBanner } from "@/components/api-problem-banner";
import { PageHeader } from "@/components/page-header";
import { signInAction } from "@/lib/access-actions";
import { loadFromApi } from "@/lib/api";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const status = await loadFromApi((api) => api.request(SetupStatusDocument));
  if (!status.ok) return <ApiProblemBanner problem={status.problem} />;
  if (status.data.setupStatus.needsSetup) redirect("/setup");
  const { next } = await searchParams;
  return (
    <div className="auth-card">
      <PageHeader title="Sign in" description="Sign in to manage your workspace's credentials." />
      <ActionForm action={signInAction} submitLabel="Sign in">
        <input type="hidden" name="next" value={next ?? "/"} />
        <label className="field">
          <span className="field__label">Email</span>
          <input className="input" name="email" type="email" autoComplete="username" required />
        </label>
        <label className="field">
          <span className="field__label">Password</span>
          <input className="input" name="password" type="password" autoComplete="current-password" required />
        </label>
      </ActionForm>
    </div>
  );
}
