import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { ApiProblemBanner } from "@/components/api-problem-banner";
import { Breadcrumb } from "@/components/breadcrumb";
import { ComponentAvatar } from "@/components/component-avatar";
import { CredentialTitle } from "@/components/credential-title";
import { EmptyState } from "@/components/empty-state";
import { FlowStatusBadge } from "@/components/flow-status-badge";
import { LastVerified } from "@/components/last-verified";
import { Pager } from "@/components/pager";
import { ReconnectButton } from "@/components/reconnect-button";
import { StatusIndicator } from "@/components/status-indicator";
import { SuccessNotice } from "@/components/success-notice";
import { HISTORY_PAGE, VerificationHistory } from "@/components/verification-history";
import { loadCredential } from "@/lib/credential-data";
import { authMethodLabel, fieldLabel, formatDateTime, savedNoticeText } from "@/lib/format";
import { pageVariables } from "@/lib/paging";

export const dynamic = "force-dynamic";

interface CredentialPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** The usage list's pager parameters: `?usage-after=`, `?usage-before=`. */
const USAGE = "usage-";

export async function generateMetadata({ params }: CredentialPageProps): Promise<Metadata> {
  const { id } = await params;
  const result = await loadCredential(id);
  return { title: result.ok && result.data.credential ? result.data.credential.name : "Credential" };
}

export default async function CredentialPage({ params, searchParams }: CredentialPageProps) {
  const { id } = await params;
  const search = await searchParams;
  const { saved, history } = search;
  const usagePage = pageVariables(search, USAGE);
  const result = await loadCredential(id, usagePage.after || usagePage.before ? usagePage : null);
  if (!result.ok) {
    return (
      <>
        <Breadcrumb trail={[{ href: "/", label: "Credentials" }]} current="Credential" />
        <ApiProblemBanner problem={result.problem} />
      </>
    );
  }
  const { credential } = result.data;
  if (!credential) notFound();

  const componentHref = `/components/${encodeURIComponent(credential.component.key)}`;
  const method = credential.component.authMethods.find((candidate) => candidate.type === credential.authType);
  const configEntries = Object.entries(credential.config);
  const verification = credential.lastVerification;
  const now = Date.now();

  return (
    <>
      <Breadcrumb
        trail={[
          { href: "/", label: "Credentials" },
          { href: componentHref, label: credential.component.name },
        ]}
        current={credential.name}
      />
      <header className="page-header">
        <ComponentAvatar componentKey={credential.component.key} name={credential.component.name} size="lg" />
        <div className="page-header__text">
          <div className="page-header__eyebrow">
            <Link href={componentHref} className="subtle-link">
              {credential.component.name}
            </Link>
          </div>
          <CredentialTitle id={credential.id} name={credential.name} componentHref={componentHref} usedBySteps={credential.usage.totalCount} />
        </div>
      </header>
      {saved ? <SuccessNotice>{savedNoticeText(credential)}</SuccessNotice> : null}

      <section className="section" aria-labelledby="details-heading">
        <h2 id="details-heading" className="section__title">
          Details
        </h2>
        <dl className="facts">
          <div className="facts__row">
            <dt>Status</dt>
            <dd>
              <StatusIndicator id="credential-status" status={credential.status} reason={verification?.message} />
              {verification ? <p className="facts__note">{verification.message}</p> : null}
              {method?.type === "OAUTH2" && method.grantTypes.includes("AUTHORIZATION_CODE") ? (
                <ReconnectButton id={credential.id} providerName={credential.component.name} />
              ) : null}
            </dd>
          </div>
          <div className="facts__row">
            <dt>Auth type</dt>
            <dd>{authMethodLabel(method ?? { type: credential.authType })}</dd>
          </div>
          <div className="facts__row">
            <dt>Last verified</dt>
            <dd>
              <LastVerified checkedAt={verification?.checkedAt} now={now} />
              {verification ? (
                <span className="muted">
                  {" "}
                  · {formatDateTime(verification.checkedAt)} · took {verification.durationMs} ms
                </span>
              ) : null}
            </dd>
          </div>
          {configEntries.map(([name, value]) => (
            <div className="facts__row" key={name}>
              <dt>{fieldLabel(method, name)}</dt>
              <dd>
                <code>{String(value)}</code>
              </dd>
            </div>
          ))}
          {credential.secrets.map((secret) => (
            <div className="facts__row" key={secret.field}>
              <dt>{fieldLabel(method, secret.field)}</dt>
              <dd>
                <code>{secret.hint}</code> <span className="muted">stored encrypted</span>
              </dd>
            </div>
          ))}
          <div className="facts__row">
            <dt>Created</dt>
            <dd>{formatDateTime(credential.createdAt)}</dd>
          </div>
        </dl>
      </section>

      <VerificationHistory credentialId={credential.id} shown={Number(typeof history === "string" ? history : HISTORY_PAGE) || HISTORY_PAGE} />

      <section className="section" aria-labelledby="used-by" id="used-by-section">
        <h2 id="used-by" className="section__title">
          Used by
        </h2>
        {credential.usage.totalCount === 0 ? (
          <EmptyState title="Not used by any flow">
            <p>
              Choose this credential in a step of a <Link href="/flows">flow</Link>; the flows and steps that use it
              are listed here.
            </p>
          </EmptyState>
        ) : (
          <ul className="usage-list" aria-label="Flows and steps using this credential">
            {credential.usage.edges.map(({ node: entry }) => (
              <li key={entry.step.id} className="usage-list__item">
                <Link href={`/flows/${entry.flow.id}`} className="usage-list__flow">
                  {entry.flow.name}
                </Link>
                <span className="usage-list__step">
                  Step {entry.step.position + 1}: {entry.step.name}
                </span>
                <FlowStatusBadge status={entry.flow.status} />
              </li>
            ))}
          </ul>
        )}
        <Pager pageInfo={credential.usage.pageInfo} search={search} prefix={USAGE} label="Flows and steps using this credential" />
      </section>
    </>
  );
}
