import { CredentialDocument } from "@latchkey/sdk";
import type { Metadata } from "next";
import Link from "next/link";

import { ApiProblemBanner } from "@/components/api-problem-banner";
import { PageHeader } from "@/components/page-header";
import { ProblemNotice } from "@/components/problem-notice";
import { StatusIndicator } from "@/components/status-indicator";
import { SuccessNotice } from "@/components/success-notice";
import { loadFromApi } from "@/lib/api";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Connect" };

interface OAuth2CompletePageProps {
  searchParams: Promise<{ credential?: string | string[]; error?: string | string[]; message?: string | string[] }>;
}

const single = (value: string | string[] | undefined) => (typeof value === "string" && value !== "" ? value : undefined);

/** Where the API sends the browser back after an OAuth2 authorization: the credential, or why not. */
export default async function OAuth2CompletePage({ searchParams }: OAuth2CompletePageProps) {
  const params = await searchParams;
  const credentialId = single(params.credential);
  const error = single(params.error);

  if (error || !credentialId) {
    return (
      <>
        <PageHeader title="The connection was not completed" eyebrow="OAuth2" />
        <ProblemNotice title="No credential was saved." code={error ?? "MISSING_RESULT"}>
          <p>{single(params.message) ?? "The authorization did not come back with a credential."}</p>
        </ProblemNotice>
        <p className="page-actions">
          <Link className="button" href="/credentials/new">
            Try again
          </Link>
          <Link className="button button--secondary" href="/">
            Back to Credentials
          </Link>
        </p>
      </>
    );
  }

  const result = await loadFromApi((api) => api.request(CredentialDocument, { id: credentialId }));
  if (!result.ok) {
    return (
      <>
        <PageHeader title="Connected" eyebrow="OAuth2" />
        <ApiProblemBanner problem={result.problem} />
      </>
    );
  }
  const credential = result.data.credential;
  if (!credential) {
    return (
      <>
        <PageHeader title="The connection was not completed" eyebrow="OAuth2" />
        <ProblemNotice title="The credential this connection saved cannot be found." code="NotFound">
          <p>It may have been deleted since.</p>
        </ProblemNotice>
        <p className="page-actions">
          <Link className="button button--secondary" href="/">
            Back to Credentials
          </Link>
        </p>
      </>
    );
  }
  const componentHref = `/components/${encodeURIComponent(credential.component.key)}`;
  return (
    <>
      <PageHeader title={`Connected to ${credential.component.name}`} eyebrow="OAuth2" />
      <SuccessNotice>
        <p>
          “{credential.name}” was authorized, verified and saved.{" "}
          <StatusIndicator id="oauth2-status" status={credential.status} reason={credential.lastVerification?.message} />
        </p>
      </SuccessNotice>
      <p className="page-actions">
        <Link className="button" href={componentHref}>
          See {credential.component.name} credentials
        </Link>
        <Link className="button button--secondary" href={`/credentials/${credential.id}`}>
          Open “{credential.name}”
        </Link>
      </p>
    </>
  );
}
