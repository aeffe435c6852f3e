import { ComponentsDocument } from "@latchkey/sdk";
import type { Metadata } from "next";
import Link from "next/link";

import { ApiProblemBanner } from "@/components/api-problem-banner";
import { ComponentImport } from "@/components/component-import";
import { DataTable } from "@/components/data-table";
import { PageHeader } from "@/components/page-header";
import { Pager } from "@/components/pager";
import { InfoNotice } from "@/components/problem-notice";
import { combineResults, isAdmin, loadFromApi, loadViewer } from "@/lib/api";
import { FORMAT_LABELS } from "@/lib/format";
import { pageVariables } from "@/lib/paging";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Components" };

export default async function ComponentsSettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const search = await searchParams;
  const loaded = await Promise.all([loadFromApi((api) => api.request(ComponentsDocument, pageVariables(search))), loadViewer()]);
  const result = combineResults(loaded);
  const header = (
    <PageHeader
      title="Components"
      eyebrow="Settings"
      description="The applications credentials are for: the built-in catalog and the components this workspace registered, with the format each was described in. Admins import elastic.io / Open Integration Hub component.json files here."
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
  const [{ components }, { viewer }] = result.data;
  return (
    <>
      {header}
      <section className="section" aria-labelledby="import-title">
        <h2 id="import-title" className="section__title">
          Import component.json
        </h2>
        {isAdmin(viewer) ? (
          <ComponentImport />
        ) : (
          <InfoNotice title="Importing components is for workspace admins.">
            <p>A component decides where its credentials&apos; secrets are sent, so only admins register them and change their settings.</p>
          </InfoNotice>
        )}
      </section>

      <section className="section" aria-labelledby="components-title">
        <h2 id="components-title" className="section__title">
          Components
        </h2>
        <DataTable columns={["Name", "Key", "Format", "Credentials", { label: "Settings", hidden: true }]}>
          {components.edges.map(({ node: component }) => (
            <tr key={component.id}>
              <th scope="row" data-label="Name" className="data-table__name">
                <Link href={`/components/${encodeURIComponent(component.key)}`}>{component.name}</Link>
              </th>
              <td data-label="Key">
                <code>{component.key}</code>
              </td>
              <td data-label="Format">{FORMAT_LABELS[component.format]}</td>
              <td data-label="Credentials">{component.credentialCount}</td>
              <td>
                <Link href={`/settings/components/${encodeURIComponent(component.key)}`} aria-label={`Settings of ${component.name}`}>
                  Settings
                </Link>
              </td>
            </tr>
          ))}
        </DataTable>
        <Pager pageInfo={components.pageInfo} search={search} label="Components" />
      </section>
    </>
  );
}
