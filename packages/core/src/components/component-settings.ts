import { randomUUID } from "node:crypto";
import { and, componentSettings, eq, inArray, sql, type Database, type Executor } from "@latchkey/db";
import { recordAudit } from "../access/audit";
import { openSecrets, sealSecrets, type Keyring } from "../crypto";
import type { ComponentRecord } from "../records";
import { invalidInput, notFound, type FieldError, type InvalidInput, type NotFound } from "../results";
import type { AuthMethodDescriptor, AuthMethodOfType } from "./descriptor-schema";
import { renderEndpointUrl, renderTemplate, type TemplateContext } from "./template";
import type { ComponentService } from "./component-service";

const MAX_SETTING_BYTES = 8 * 1024;

/** A setting as the API shows it: never its value. */
export interface ComponentSettingRecord {
  name: string;
  description: string | null;
  required: boolean;
  secret: boolean;
  isSet: boolean;
}

export interface ComponentSettingsSet {
  __typename: "ComponentSettingsSet";
  component: ComponentRecord;
}

/** The component's settings in a workspace, secret ones opened: for templates only, never for a response. */
export async function openComponentSettings(db: Executor, keyring: Keyring, workspaceId: string, componentId: string): Promise<Record<string, string>> {
  const rows = await db
    .select()
    .from(componentSettings)
    .where(and(eq(componentSettings.workspaceId, workspaceId), eq(componentSettings.componentId, componentId)));
  const settings: Record<string, string> = {};
  for (const row of rows) {
    if (row.sealed !== null) settings[row.name] = String(openSecrets(keyring, row.sealed, { workspaceId, credentialId: row.id }).value ?? "");
    else if (row.value !== null) settings[row.name] = row.value;
  }
  return settings;
}

/**
 * An OAuth2 method with its endpoint, client id and client secret templates filled from the
 * component's settings and the credential's (non-secret) values; other methods as they are.
 * Endpoints go through renderEndpointUrl. Throws TemplateError (naming placeholders, never values).
 */
export function renderOAuth2Method(
  method: AuthMethodDescriptor,
  context: Pick<TemplateContext, "values" | "settings" | "serverUrl">,
): AuthMethodDescriptor {
  if (method.type !== "OAUTH2") return method;
  const full: TemplateContext = { ...context, fields: method.fields };
  const { authorizationUrl, tokenUrl, clientId, clientSecret } = method.oauth2;
  const oauth2: AuthMethodOfType<"OAUTH2">["oauth2"] = {
    ...method.oauth2,
    tokenUrl: renderEndpointUrl(tokenUrl, full),
    ...(authorizationUrl ? { authorizationUrl: renderEndpointUrl(authorizationUrl, full) } : {}),
    ...(clientId ? { clientId: renderTemplate(clientId, full) } : {}),
    ...(clientSecret ? { clientSecret: renderTemplate(clientSecret, full) } : {}),
  };
  return { ...method, oauth2 };
}

/** Whether an OAuth2 method needs renderOAuth2Method (it has placeholders or a client from settings). */
export function hasTemplates(method: AuthMethodDescriptor): boolean {
  if (method.type !== "OAUTH2") return false;
  const { authorizationUrl, tokenUrl, clientId, clientSecret } = method.oauth2;
  return [authorizationUrl, tokenUrl, clientId, clientSecret].some((text) => text?.includes("{{"));
}

/** Component settings: declared by the descriptor (`settings`), set by admins, secret ones sealed. */
export class ComponentSettingsService {
  constructor(
    private readonly db: Database,
    private readonly keyring: Keyring,
    private readonly components: ComponentService,
  ) {}

  /** The declared settings of several components with whether each is set, in one query. */
  async listByComponents(workspaceId: string, list: readonly ComponentRecord[]): Promise<Map<string, ComponentSettingRecord[]>> {
    const ids = list.filter((c) => c.descriptor.settings?.length).map((c) => c.id);
    const rows = ids.length
      ? await this.db
          .select({ componentId: componentSettings.componentId, name: componentSettings.name })
          .from(componentSettings)
          .where(and(eq(componentSettings.workspaceId, workspaceId), inArray(componentSettings.componentId, ids)))
      : [];
    const set = new Set(rows.map((r) => `${r.componentId}/${r.name}`));
    return new Map(
      list.map((c) => [
        c.id,
        (c.descriptor.settings ?? []).map((s) => ({
          name: s.name,
          description: s.description ?? null,
          required: s.required,
          secret: s.secret,
          isSet: set.has(`${c.id}/${s.name}`),
        })),
      ]),
    );
  }

  /** Sets (a string) or clears (null) settings of a component; names must be declared by its descriptor. */
  async set(workspaceId: string, componentKey: string, input: { name: string; value?: string | null }[]): Promise<ComponentSettingsSet | InvalidInput | NotFound> {
    const component = await this.components.findByKey(workspaceId, componentKey);
    if (!component) return { ...notFound("Component", null), message: `No component with key "${componentKey}".` };
    const declared = new Map((component.descriptor.settings ?? []).map((s) => [s.name, s]));
    const errors: FieldError[] = [];
    input.forEach((entry, index) => {
      if (!declared.has(entry.name)) {
        const known = [...declared.keys()];
        errors.push({ field: `settings.${index}.name`, message: known.length ? `Not a setting of ${component.name}; it has ${known.join(", ")}.` : `${component.name} has no settings.` });
      } else if (entry.value != null && Buffer.byteLength(entry.value) > MAX_SETTING_BYTES) {
        errors.push({ field: `settings.${index}.value`, message: "Must be at most 8 KiB." });
      } else if (input.findIndex((other) => other.name === entry.name) !== index) {
        errors.push({ field: `settings.${index}.name`, message: `"${entry.name}" is given twice.` });
      }
    });
    if (errors.length > 0) return invalidInput(errors);
    await this.db.transaction(async (tx) => {
      for (const { name, value } of input) {
        const where = and(eq(componentSettings.workspaceId, workspaceId), eq(componentSettings.componentId, component.id), eq(componentSettings.name, name));
        if (value == null || value === "") {
          await tx.delete(componentSettings).where(where);
          continue;
        }
        const id = randomUUID();
        const secret = declared.get(name)!.secret;
        const stored = (rowId: string) =>
          secret ? { value: null, sealed: sealSecrets(this.keyring, { value }, { workspaceId, credentialId: rowId }) } : { value, sealed: null };
        const [existing] = await tx.select({ id: componentSettings.id }).from(componentSettings).where(where).for("update");
        if (existing) await tx.update(componentSettings).set({ ...stored(existing.id), updatedAt: sql`now()` }).where(eq(componentSettings.id, existing.id));
        else await tx.insert(componentSettings).values({ id, workspaceId, componentId: component.id, name, ...stored(id) });
      }
      await recordAudit(tx, {
        workspaceId,
        action: "component.settings.set",
        objectType: "component",
        objectId: component.id,
        details: { key: component.key, set: input.filter((e) => e.value).map((e) => e.name).join(","), cleared: input.filter((e) => !e.value).map((e) => e.name).join(",") },
      });
    });
    return { __typename: "ComponentSettingsSet", component };
  }
}
