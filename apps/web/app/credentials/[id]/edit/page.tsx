import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { ApiProblemBanner } from "@/components/api-problem-banner";
import { Breadcrumb } from "@/components/breadcrumb";
import { ComponentAvatar } from "@/components/component-avatar";
import { CredentialFormPage } from "@/components/credential-form-page";
import { PageHeader } from "@/components/page-header";
import { loadCredential } from "@/lib/credential-data";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Edit credential" };

export default async function EditCredentialPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const result = await loadCredential(id);
  if (!result.ok) {
    return (
      <>
        <Breadcrumb trail={[{ href: "/", label: "Credentials" }]} current="Edit credential" />
        <ApiProblemBanner problem={result.problem} />
      </>
    );
  }
  const { credential } = result.data;
  if (!credential) notFound();
  const { component } = credential;
  const componentHref = `/components/${encodeURIComponent(component.key)}`;
  const credentialHref = `/credentials/${credential.id}`;

  return (
    <>
      <Breadcrumb
        trail={[
          { href: "/", label: "Credentials" },
          { href: componentHref, label: component.name },
          { href: credentialHref, label: credential.name },
        ]}
        current="Edit"
      />
      <PageHeader
        leading={<ComponentAvatar componentKey={component.key} name={component.name} size="lg" />}
        eyebrow={component.name}
        title={`Edit “${credential.name}”`}
        description="Saving verifies the new values first. If verification fails, nothing changes: the credential keeps its current values."
      />
      <div className="panel panel--narrow">
        <CredentialFormPage
          component={component}
          credential={{
            id: credential.id,
            name: credential.name,
            authType: credential.authType,
            config: credential.config,
            secrets: credential.secrets,
          }}
          cancelHref={credentialHref}
        />
      </div>
    </>
  );
}
