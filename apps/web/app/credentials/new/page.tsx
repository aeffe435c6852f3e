import { ComponentDocument } from "@latchkey/sdk";
import type { Metadata } from "next";
import Link from "next/link";

import { ApiProblemBanner } from "@/components/api-problem-banner";
import { Breadcrumb } from "@/components/breadcrumb";
import { ComponentAvatar } from "@/components/component-avatar";
import { ComponentPicker } from "@/components/component-picker";
import { CredentialFormPage } from "@/components/credential-form-page";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { RequireWrite } from "@/components/permissions";
import { loadFromApi } from "@/lib/api";
import { loadAllComponents } from "@/lib/credential-data";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Add credential" };

interface AddCredentialPageProps {
  searchParams: Promise<{ component?: string | string[] }>;
}

export default async function AddCredentialPage({ searchParams }: AddCredentialPageProps) {
  const { component: chosen } = await searchParams;
  const key = typeof chosen === "string" && chosen !== "" ? chosen : undefined;
  return key ? <AddForComponent componentKey={key} /> : <ChooseComponent />;
}

async function ChooseComponent() {
  const result = await loadFromApi(async (api) => ({ components: await loadAllComponents(api) }));
  return (
    <>
      <Breadcrumb trail={[{ href: "/", label: "Credentials" }]} current="Add credential" />
      <PageHeader title="Add credential" description="Choose the application the credential signs in to." />
      {!result.ok ? (
        <ApiProblemBanner problem={result.problem} />
      ) : result.data.components.length === 0 ? (
        <EmptyState title="No components yet">
          <p>Components come from the built-in catalog or are registered through the API.</p>
        </EmptyState>
      ) : (
        <RequireWrite what="add credentials">
          <div className="panel panel--narrow">
            <ComponentPicker
              components={[...result.data.components].sort((a, b) => a.name.localeCompare(b.name))}
            />
          </div>
        </RequireWrite>
      )}
    </>
  );
}

async function AddForComponent({ componentKey }: { componentKey: string }) {
  const result = await loadFromApi((api) => api.request(ComponentDocument, { key: componentKey }));
  const trail = [{ href: "/", label: "Credentials" }];
  if (!result.ok) {
    return (
      <>
        <Breadcrumb trail={trail} current="Add credential" />
        <PageHeader title="Add credential" />
        <ApiProblemBanner problem={result.problem} />
      </>
    );
  }
  const component = result.data.component;
  if (!component) {
    return (
      <>
        <Breadcrumb trail={trail} current="Add credential" />
        <EmptyState title="Component not found">
          <p>No component with the key “{componentKey}” exists in this workspace.</p>
          <p>
            <Link href="/credentials/new">Choose another component</Link>
          </p>
        </EmptyState>
      </>
    );
  }
  const componentHref = `/components/${encodeURIComponent(component.key)}`;
  return (
    <>
      <Breadcrumb
        trail={[...trail, { href: componentHref, label: component.name }]}
        current="Add credential"
      />
      <PageHeader
        leading={<ComponentAvatar componentKey={component.key} name={component.name} size="lg" />}
        eyebrow={component.name}
        title="Add credential"
        description="Latchkey verifies the credential with the application before saving it; one that fails is not saved."
        meta={
          <Link href="/credentials/new" className="subtle-link">
            Choose another component
          </Link>
        }
      />
      <div className="panel panel--narrow">
        <CredentialFormPage component={component} cancelHref={componentHref} />
      </div>
    </>
  );
}
