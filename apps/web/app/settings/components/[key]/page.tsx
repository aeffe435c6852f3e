import { ComponentSettingsDocument } from "@latchkey/sdk";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { setComponentSettingsAction } from "@/actions/components";
import { ActionForm } from "@/components/access/action-form";
import { ApiProblemBanner } from "@/components/api-problem-banner";
import { DataTable } from "@/components/data-table";
import { PageHeader } from "@/components/page-header";
import { InfoNotice } from "@/components/problem-notice";
import { combineResults, isAdmin, loadFromApi, loadViewer } from "@/lib/api";
import { FORMAT_LABELS } from "@/lib/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Component settings" };

/** One component's settings: the names its templates use, whether each is set, and (admins) a form to set them. */
export default async function ComponentSettingsPage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const loaded = await Promise.all([loadFromApi((api) => api.request(ComponentSettingsDocument, { key })), loadViewer()]);
  const result = combineResults(loaded);
  if (!result.ok) {
    return (
      <>
        <PageHeader title="Component settings" eyebrow="Settings" />
        <ApiProblemBanner problem={result.problem} />
      </>
    );
  }
  const [{ component }, { viewer }] = result.data;
  if (!component) notFound();
  const settings = component.settings;
  return (
    <>
      <PageHeader
        title={`${component.name} settings`}
        eyebrow="Settings · Components"
        description={
          <>
            Values an admin sets once for this workspace, used by the component&apos;s templates (for an imported component.json, its
            environment variables: an OAuth2 app&apos;s client id and secret, …). Secret ones are sealed like credential secrets and never shown
            again. Format: {FORMAT_LABELS[component.format]}. <Link href={`/components/${encodeURIComponent(component.key)}`}>Its credentials</Link>
          </>
        }
      />
      {settings.length === 0 ? (
        <p className="muted">{component.name} uses no settings.</p>
      ) : (
        <>
          <section className="section" aria-labelledby="settings-title">
            <h2 id="settings-title" className="section__title">
              Settings
            </h2>
            <DataTable columns={["Name", "Description", "Kind", "Value"]}>
              {settings.map((setting) => (
                <tr key={setting.name}>
                  <th scope="row" data-label="Name" className="data-table__name">
                    <code>{setting.name}</code>
                  </th>
                  <td data-label="Description">{setting.description ?? <span className="muted">None</span>}</td>
                  <td data-label="Kind">
                    {setting.secret ? "Secret" : "Plain"}
                    {setting.required ? ", required" : ""}
                  </td>
                  <td data-label="Value">{setting.isSet ? "Set" : <span className="muted">Not set</span>}</td>
                </tr>
              ))}
            </DataTable>
          </section>
          <section className="section" aria-labelledby="change-title">
            <h2 id="change-title" className="section__title">
              Change settings
            </h2>
            {isAdmin(viewer) ? (
              <ActionForm action={setComponentSettingsAction} submitLabel="Save settings">
                <input type="hidden" name="componentKey" value={component.key} />
                <p className="muted">Leave a value empty to keep what is stored.</p>
                {settings.map((setting) => (
                  <div key={setting.name} className="field">
                    <label className="field__label" htmlFor={`setting-${setting.name}`}>
                      {setting.name}
                    </label>
                    <input
                      id={`setting-${setting.name}`}
                      className="input"
                      name={`setting:${setting.name}`}
                      type={setting.secret ? "password" : "text"}
                      autoComplete={setting.secret ? "new-password" : "off"}
                      spellCheck={false}
                      placeholder={setting.isSet ? "Unchanged" : undefined}
                    />
                    {setting.isSet ? (
                      <label className="field__help">
                        <input type="checkbox" name={`clear:${setting.name}`} /> Clear {setting.name}
                      </label>
                    ) : null}
                  </div>
                ))}
              </ActionForm>
            ) : (
              <InfoNotice title="Changing settings is for workspace admins." />
            )}
          </section>
        </>
      )}
    </>
  );
}
