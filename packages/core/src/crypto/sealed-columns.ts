import { componentSettings, credentials, oauth2Authorizations, webhookEndpoints, type AnyPgColumn, type PgTable } from "@latchkey/db";
import type { SecretBinding } from "./secret-box";

/** A text column holding `sealSecrets` output, and how to rebuild the binding its AAD was sealed with. */
export interface SealedColumn {
  /** `table.column`, for reports and logs. */
  name: string;
  table: PgTable;
  /** The primary key (one column, orderable). */
  id: AnyPgColumn;
  workspaceId: AnyPgColumn;
  /** The sealed text; rows where it is null are skipped. */
  sealed: AnyPgColumn;
  /** The binding the column was sealed with: the row's own workspace id and id. */
  binding: (row: { id: string; workspaceId: string }) => SecretBinding;
}

const ownRow = (row: { id: string; workspaceId: string }): SecretBinding => ({
  workspaceId: row.workspaceId,
  credentialId: row.id,
});

function sealedColumn(name: string, table: PgTable, columns: Pick<SealedColumn, "id" | "workspaceId" | "sealed">): SealedColumn {
  return { name, table, ...columns, binding: ownRow };
}

/**
 * Every column of the database that holds sealed secrets. Key rotation re-seals exactly these,
 * and the start-up key check reads their key ids: a new sealed column is one line here.
 */
export const SEALED_COLUMNS: readonly SealedColumn[] = [
  sealedColumn("credentials.secrets", credentials, { id: credentials.id, workspaceId: credentials.workspaceId, sealed: credentials.secrets }),
  sealedColumn("component_settings.sealed", componentSettings, { id: componentSettings.id, workspaceId: componentSettings.workspaceId, sealed: componentSettings.sealed }),
  sealedColumn("oauth2_authorizations.secrets", oauth2Authorizations, { id: oauth2Authorizations.id, workspaceId: oauth2Authorizations.workspaceId, sealed: oauth2Authorizations.secrets }),
  sealedColumn("webhook_endpoints.secrets", webhookEndpoints, { id: webhookEndpoints.id, workspaceId: webhookEndpoints.workspaceId, sealed: webhookEndpoints.secrets }),
];
