import { createHash, randomUUID } from "node:crypto";
import { and, catalogSync, components, count, credentials, eq, getTableColumns, inArray, sql, workspaces, type Database, type Executor } from "@latchkey/db";
import { auditEventRow, recordAudit } from "../access/audit";
import { credentialRecordColumns, findCredentialRows, toCredentialRecord, withTrigger } from "../credentials/credential-store";
import { destinationChangedResult, destinationOf } from "../credentials/destination";
import { storeReverifications } from "../credentials/reverification-writer";
import type { ComponentRecord, CredentialRecord } from "../records";
import { invalidInput, type FieldError, type InvalidInput } from "../results";
import type { CredentialValues } from "../types";
import { MAX_VALUES_BYTES } from "../validation";
import { countOf, keysetPage, mapPage, type Page, type PageArgs } from "../paging";
import { isPlainObject } from "./credential-values";
import { parseComponentDescriptor, type ComponentDescriptor } from "./descriptor-schema";
import { importElasticioComponent, parseDescriptorText } from "./elasticio";
import type { BaseUrlOptions } from "./template";

// Real component.json files carry their actions and triggers (and their schemas) too.
const MAX_IMPORTED_BYTES = 512 * 1024;

type ComponentRow = typeof components.$inferSelect;

export interface ComponentRegistered {
  __typename: "ComponentRegistered";
  component: ComponentRecord;
  /** Credentials the new descriptor sends elsewhere: now INVALID (DESTINATION_CHANGED) until their secrets are re-entered. */
  credentialsNeedingReentry: CredentialRecord[];
  /** What of an imported file was not mapped as it is; empty for Latchkey descriptors. */
  warnings: string[];
}

/** What registerComponent would store (previewComponent): nothing is saved. */
export interface ComponentPreviewRecord {
  __typename: "ComponentPreview";
  key: string;
  name: string;
  description: string | null;
  descriptor: ComponentDescriptor;
  /** What of an imported file was not mapped as it is. */
  warnings: string[];
}

export type DescriptorFormat = "LATCHKEY" | "ELASTICIO";

export function toComponentRecord(row: ComponentRow): ComponentRecord {
  // Stored descriptors were validated on the way in (catalog sync or registerComponent).
  const descriptor = row.descriptor as ComponentDescriptor;
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    key: row.key,
    name: row.name,
    description: row.description,
    descriptor,
    credentialCount: row.credentialCount,
  };
}

function componentRow(workspaceId: string, d: ComponentDescriptor, source: "catalog" | "registered") {
  return { id: randomUUID(), workspaceId, key: d.key, name: d.name, description: d.description ?? null, descriptor: d, source };
}

/** Validates every catalog descriptor; a broken catalog is a bug that must stop the start. */
export function parseCatalog(raw: unknown[]): ComponentDescriptor[] {
  return raw.map((entry, index) => {
    const parsed = parseComponentDescriptor(entry);
    if (!parsed.ok) {
      const first = parsed.fieldErrors[0];
      throw new Error(`Catalog descriptor #${index} is invalid: ${first?.field}: ${first?.message}`);
    }
    return parsed.descriptor;
  });
}

/**
 * Copies the built-in catalog into a new workspace (syncCatalogEverywhere keeps them current). Components a workspace registered itself under a
 * catalog key are left as they are.
 */
export async function syncCatalog(db: Executor, workspaceId: string, catalog: ComponentDescriptor[]): Promise<void> {
  if (catalog.length === 0) return;
  await db
    .insert(components)
    .values(
      catalog.map((d) => componentRow(workspaceId, d, "catalog")),
    )
    .onConflictDoUpdate({
      target: [components.workspaceId, components.key],
      set: {
        name: sql`excluded.name`,
        description: sql`excluded.description`,
        descriptor: sql`excluded.descriptor`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`${components.source} = 'catalog'`,
    });
}

/** The catalog's fingerprint: a start whose catalog has the stored one skips syncCatalogEverywhere. */
export function catalogHash(catalog: readonly ComponentDescriptor[]): string {
  return createHash("sha256").update(JSON.stringify(catalog)).digest("hex");
}

const CATALOG_SYNC_ID = "builtin";

/**
 * The start-up sync: when the catalog differs from what the last sync stored (catalog_sync), one
 * set-based statement copies it into every workspace, adding missing components and changing only
 * catalog rows whose name, description or descriptor differ; then the new hash is stored. With an
 * unchanged catalog it is one primary-key read, however many workspaces there are. Answers
 * whether it synced.
 */
export async function syncCatalogEverywhere(db: Database, catalog: ComponentDescriptor[]): Promise<boolean> {
  const hash = catalogHash(catalog);
  const [stored] = await db.select({ hash: catalogSync.hash }).from(catalogSync).where(eq(catalogSync.id, CATALOG_SYNC_ID));
  if (stored?.hash === hash) return false;
  const entries = catalog.map((d) => ({ key: d.key, name: d.name, description: d.description ?? null, descriptor: d }));
  await db.transaction(async (tx) => {
    if (entries.length > 0) {
      await tx.execute(sql`
        insert into ${components} (id, workspace_id, key, name, description, descriptor, source)
        select gen_random_uuid(), w.id, c.key, c.name, c.description, c.descriptor, 'catalog'
        from ${workspaces} w
        cross join jsonb_to_recordset((${JSON.stringify(entries)}::text)::jsonb) as c(key text, name text, description text, descriptor jsonb)
        on conflict (workspace_id, key) do update
          set name = excluded.name, description = excluded.description, descriptor = excluded.descriptor, updated_at = now()
          where ${components.source} = 'catalog'
            and (${components.descriptor} is distinct from excluded.descriptor
              or ${components.name} is distinct from excluded.name
              or ${components.description} is distinct from excluded.description)`);
    }
    await tx
      .insert(catalogSync)
      .values({ id: CATALOG_SYNC_ID, hash })
      .onConflictDoUpdate({ target: catalogSync.id, set: { hash, syncedAt: sql`now()` } });
  });
  return true;
}

export class ComponentService {
  private readonly catalogKeys: ReadonlySet<string>;

  constructor(
    private readonly db: Database,
    /** The built-in catalog: its keys are not a workspace's to register. */
    catalog: readonly ComponentDescriptor[],
    /** How base URLs are resolved (the deployment's overrides), to tell where credentials' secrets go. */
    private readonly baseUrls: BaseUrlOptions,
  ) {
    this.catalogKeys = new Set(catalog.map((d) => d.key));
  }

  /** A page of the workspace's components, by name (keyset: name, key). */
  async list(workspaceId: string, args: PageArgs): Promise<Page<ComponentRecord> | InvalidInput> {
    const conditions = eq(components.workspaceId, workspaceId);
    const page = await keysetPage(args, {
      kind: "components",
      keys: [
        { column: components.name, type: "text" },
        { column: components.key, type: "text" },
      ],
      fetch: ({ where, orderBy, limit, cursorKeys }) =>
        this.db
          .select({ ...getTableColumns(components), ...cursorKeys })
          .from(components)
          .where(and(conditions, where))
          .orderBy(...orderBy)
          .limit(limit),
      count: () => countOf(this.db.select({ n: count() }).from(components).where(conditions)),
    });
    return mapPage(page, toComponentRecord);
  }

  async findByKey(workspaceId: string, key: string): Promise<ComponentRecord | null> {
    const [row] = await this.db
      .select()
      .from(components)
      .where(and(eq(components.workspaceId, workspaceId), eq(components.key, key)));
    return row ? toComponentRecord(row) : null;
  }

  async findByKeys(workspaceId: string, keys: readonly string[]): Promise<ComponentRecord[]> {
    if (keys.length === 0) return [];
    const rows = await this.db
      .select()
      .from(components)
      .where(and(eq(components.workspaceId, workspaceId), inArray(components.key, [...keys])));
    return rows.map(toComponentRecord);
  }

  async findByIds(workspaceId: string, ids: readonly string[]): Promise<ComponentRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .select()
      .from(components)
      .where(and(eq(components.workspaceId, workspaceId), inArray(components.id, [...ids])));
    return rows.map(toComponentRecord);
  }

  /**
   * Adds or replaces a component. An ELASTICIO descriptor (a component.json) is imported first
   * (elasticio.ts); its key is `key`, else derived from its title.
   */
  async register(
    workspaceId: string,
    input: unknown,
    options: { format?: DescriptorFormat | null; key?: string | null } = {},
  ): Promise<ComponentRegistered | InvalidInput> {
    const checked = this.check(input, options);
    if (checked.__typename === "InvalidInput") return checked;
    const { descriptor: d, warnings } = checked;
    const { row, moved } = await this.db.transaction(async (tx) => {
      const [registered] = await tx
        .insert(components)
        .values(componentRow(workspaceId, d, "registered"))
        .onConflictDoUpdate({
          target: [components.workspaceId, components.key],
          set: {
            name: d.name,
            description: d.description ?? null,
            descriptor: d,
            source: "registered",
            updatedAt: sql`now()`,
          },
        })
        .returning();
      await recordAudit(tx, {
        workspaceId,
        action: "component.register",
        objectType: "component",
        objectId: registered!.id,
        details: { key: d.key, format: d.format ?? "LATCHKEY" },
      });
      return { row: registered!, moved: await this.markMovedCredentials(tx, workspaceId, registered!.id, d) };
    });
    const credentialsNeedingReentry = (await findCredentialRows(this.db, workspaceId, moved)).map(toCredentialRecord);
    credentialsNeedingReentry.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    return { __typename: "ComponentRegistered", component: toComponentRecord(row), credentialsNeedingReentry, warnings };
  }

  /**
   * What registerComponent would store, without storing anything: the descriptor (for an
   * ELASTICIO file, the imported one) and the import's warnings, or the same InvalidInput.
   * `text` is the descriptor as typed or uploaded: bad JSON answers its line and column.
   */
  preview(text: string, options: { format?: DescriptorFormat | null; key?: string | null } = {}): ComponentPreviewRecord | InvalidInput {
    const parsed = parseDescriptorText(text);
    if (!parsed.ok) return invalidInput(parsed.fieldErrors, "The text is not valid JSON.");
    const checked = this.check(parsed.value, options);
    if (checked.__typename === "InvalidInput") return checked;
    return { __typename: "ComponentPreview", key: checked.descriptor.key, name: checked.descriptor.name, description: checked.descriptor.description ?? null, descriptor: checked.descriptor, warnings: checked.warnings };
  }

  /** Size, descriptor and key checks shared by register and preview. */
  private check(
    input: unknown,
    options: { format?: DescriptorFormat | null; key?: string | null },
  ): { __typename: "Checked"; descriptor: ComponentDescriptor; warnings: string[] } | InvalidInput {
    const maxBytes = options.format === "ELASTICIO" ? MAX_IMPORTED_BYTES : MAX_VALUES_BYTES;
    if (Buffer.byteLength(JSON.stringify(input ?? null)) > maxBytes) {
      return invalidInput([{ field: "descriptor", message: `Must be at most ${maxBytes / 1024} KiB of JSON.` }]);
    }
    const prepared = prepareDescriptor(input, options);
    if (!prepared.ok) return invalidInput(prepared.fieldErrors, "The component descriptor is invalid.");
    const { descriptor: d, warnings } = prepared;
    if (this.catalogKeys.has(d.key)) {
      return invalidInput([{ field: "descriptor.key", message: `"${d.key}" is a built-in component; register yours under its own key.` }]);
    }
    return { __typename: "Checked", descriptor: d, warnings };
  }

  /**
   * The component's credentials whose secrets the new descriptor would send to another destination
   * than the one they were verified against: each gets the result DESTINATION_CHANGED (status
   * INVALID, in its history and the audit log), without anything being sent. Answers their ids.
   */
  private async markMovedCredentials(tx: Executor, workspaceId: string, componentId: string, descriptor: ComponentDescriptor): Promise<string[]> {
    const rows = await tx
      .select({ id: credentialRecordColumns.id, authType: credentialRecordColumns.authType, config: credentialRecordColumns.config, destination: credentials.destination })
      .from(credentials)
      .where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.componentId, componentId)))
      .orderBy(credentials.id)
      .for("update");
    const moved = rows.filter((row) => {
      const method = descriptor.authMethods.find((m) => m.type === row.authType);
      return method && destinationOf(descriptor, method, row.config as CredentialValues, this.baseUrls) !== row.destination;
    });
    if (moved.length === 0) return [];
    const result = withTrigger(destinationChangedResult(descriptor.name), "COMPONENT_REGISTERED");
    await storeReverifications(
      tx,
      moved.map((row) => ({
        workspaceId,
        credentialId: row.id,
        result,
        audit: auditEventRow({ workspaceId, action: "credential.verify", objectType: "credential", objectId: row.id, details: { status: result.status } }),
      })),
    );
    return moved.map((row) => row.id);
  }
}

/**
 * Validates a descriptor of either format (importing a component.json first) without saving it:
 * what registerComponent would store, with the import's warnings.
 */
export function prepareDescriptor(
  input: unknown,
  options: { format?: DescriptorFormat | null; key?: string | null },
): { ok: true; descriptor: ComponentDescriptor; warnings: string[] } | { ok: false; fieldErrors: FieldError[] } {
  let candidate = input;
  let warnings: string[] = [];
  if (options.format === "ELASTICIO") {
    const imported = importElasticioComponent(input, { key: options.key });
    if (!imported.ok) return imported;
    candidate = imported.descriptor;
    warnings = imported.warnings;
  } else if (options.key != null && isPlainObject(input) && input.key !== options.key) {
    return { ok: false, fieldErrors: [{ field: "key", message: "Must be left out or equal the descriptor's key." }] };
  }
  const parsed = parseComponentDescriptor(candidate);
  if (!parsed.ok) {
    const prefix = options.format === "ELASTICIO" ? "The imported descriptor is invalid: " : "";
    return {
      ok: false,
      fieldErrors: parsed.fieldErrors.map((e) => ({ field: e.field ? `descriptor.${e.field}` : "descriptor", message: prefix + e.message })),
    };
  }
  return { ok: true, descriptor: parsed.descriptor, warnings };
}
