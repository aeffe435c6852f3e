import { and, components, credentials, eq, gt, isNull, oauth2Authorizations, sql, type Database } from "@latchkey/db";
import type { AuthMethodDescriptor, ComponentDescriptor } from "../components/descriptor-schema";
import { endpointOriginOf, parseTemplate, resolveBaseUrl, type BaseUrlOptions } from "../components/template";
import type { CredentialValues, VerificationResult } from "../types";

/**
 * Where a credential's secrets go: the origins its auth method talks to, as one canonical string.
 * - API_KEY, BASIC: the base URL's origin (scheme, host, port), templates filled in; the
 *   verification path cannot leave it.
 * - OAUTH2: the token endpoint's and the authorization endpoint's origins, and the base URL's
 *   (where the access token is sent).
 * - DATABASE: engine, TLS or not, host and port.
 * `{{server.url}}` (the API itself, the operator's setting) stays a placeholder, so a new public
 * URL or port does not move anything; so does a deployment's base URL override
 * (LATCHKEY_BASE_URL_OVERRIDES) unless the credential's values fill in its host.
 */
export function destinationOf(descriptor: ComponentDescriptor, method: AuthMethodDescriptor, values: CredentialValues, options: BaseUrlOptions): string {
  // The descriptor's own method, as written: a method whose endpoints were already filled in from
  // component settings (imported components) binds the same as the one stored.
  const own = descriptor.authMethods.find((m) => m.type === method.type) ?? method;
  if (own.type === "DATABASE") {
    const value = (role: "host" | "port") => values[own.fieldRoles?.[role] ?? role];
    const host = String(value("host") ?? "").trim().toLowerCase();
    const engine = own.database?.engine ?? "unverified";
    return JSON.stringify({ database: `${engine}${values.ssl === true ? "+tls" : ""}`, host, port: Number(value("port")) });
  }
  const places = basePlaces(descriptor, values, options);
  if (own.type === "OAUTH2") {
    places.token = endpointOriginOf(own.oauth2.tokenUrl, values);
    if (own.oauth2.authorizationUrl) places.authorization = endpointOriginOf(own.oauth2.authorizationUrl, values);
  }
  return JSON.stringify(places);
}

// The API's own URL, as a name: it is the operator's, not the workspace's, to move.
const SELF = "http://latchkey.self.invalid";

/**
 * The descriptor's base URL origin, and, when the deployment overrides the component's base URL,
 * the override: as a constant (the operator's to change) unless it has value placeholders, which
 * the credential's values fill in.
 */
function basePlaces(descriptor: ComponentDescriptor, values: CredentialValues, options: BaseUrlOptions): Record<string, string> {
  const places: Record<string, string> = { api: descriptor.baseUrl === undefined ? "none" : renderedOrigin(descriptor.baseUrl, descriptor, values) };
  const override = options.baseUrlOverrides[descriptor.key];
  if (override !== undefined) places.override = hasValuePlaceholder(override) ? renderedOrigin(override, descriptor, values) : "operator";
  return places;
}

function renderedOrigin(template: string, descriptor: ComponentDescriptor, values: CredentialValues): string {
  try {
    return originOf(resolveBaseUrl({ ...descriptor, baseUrl: template }, values, { serverUrl: SELF, baseUrlOverrides: {} }));
  } catch {
    // A base URL that cannot be filled in sends nothing; it still has to stay what it was.
    return `unresolved:${template}`;
  }
}

function hasValuePlaceholder(template: string): boolean {
  try {
    return parseTemplate(template).some((placeholder) => placeholder.kind === "value");
  } catch {
    return true;
  }
}

function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.origin : `invalid:${url}`;
  } catch {
    return `invalid:${url}`;
  }
}

/** Stored secrets asked for with a destination other than the one they were verified against. */
export class DestinationChangedError extends Error {
  override name = "DestinationChangedError";
  constructor() {
    super("The credential's destination changed since its secrets were verified.");
  }
}

/** The result that answers for a credential whose destination moved: nothing was sent. */
export function destinationChangedResult(componentName: string): VerificationResult {
  return {
    ok: false,
    code: "DESTINATION_CHANGED",
    status: "INVALID",
    message: `${componentName} now points somewhere its secrets were not verified against: nothing was sent. Re-enter the secrets to verify them there.`,
    checkedAt: new Date(),
    durationMs: 0,
  };
}

/**
 * Binds rows stored before destinations existed (start-up, before serving): each credential and
 * pending OAuth2 authorization gets the destination its component's descriptor and its values
 * give now, the same place every verification before the upgrade went to. Rows whose component
 * no longer has their auth method get none, and so can never send. Answers how many were bound.
 */
export async function bindLegacyDestinations(db: Database, baseUrls: BaseUrlOptions): Promise<number> {
  let bound = 0;
  for (const table of [credentials, oauth2Authorizations]) {
    let after: string | undefined;
    for (;;) {
      const rows = await db
        .select({ id: table.id, authType: table.authType, config: table.config, descriptor: components.descriptor })
        .from(table)
        .innerJoin(components, eq(components.id, table.componentId))
        .where(and(isNull(table.destination), after === undefined ? undefined : gt(table.id, after)))
        .orderBy(table.id)
        .limit(500);
      const updates = rows.flatMap((row) => {
        const descriptor = row.descriptor as ComponentDescriptor;
        const method = descriptor.authMethods.find((m) => m.type === row.authType);
        return method ? [{ id: row.id, destination: destinationOf(descriptor, method, row.config as CredentialValues, baseUrls) }] : [];
      });
      if (updates.length > 0) {
        await db.execute(sql`
          update ${table} set destination = i.destination
          from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as i(id uuid, destination text)
          where ${table.id} = i.id and ${table.destination} is null`);
      }
      bound += updates.length;
      if (rows.length < 500) break;
      after = rows[rows.length - 1]!.id;
    }
  }
  return bound;
}
