import "server-only";

import {
  ComponentCatalogDocument,
  CredentialDocument,
  CredentialsDocument,
  type CredentialFilter,
  type CredentialsQuery,
  type LatchkeyClient,
} from "@latchkey/sdk";
import { cache } from "react";

import type { CredentialChoice } from "@/components/step-credential-select";
import { loadFromApi } from "@/lib/api";

const PAGE_SIZE = 200;

type CredentialNode = CredentialsQuery["credentials"]["edges"][number]["node"];

/**
 * One credential with its usage and its whole component (whose auth methods label its fields), or
 * null when there is none: one API call per request, shared by a page and its metadata.
 */
export const loadCredential = cache((id: string) => loadFromApi((api) => api.request(CredentialDocument, { id })));

/** Every credential matching the filter, page after page. */
export async function loadAllCredentials(api: LatchkeyClient, filter: CredentialFilter = {}): Promise<CredentialNode[]> {
  const nodes: CredentialNode[] = [];
  let after: string | null = null;
  do {
    const { credentials }: CredentialsQuery = await api.request(CredentialsDocument, { filter, first: PAGE_SIZE, after });
    nodes.push(...credentials.edges.map((edge) => edge.node));
    after = credentials.pageInfo.hasNextPage ? credentials.pageInfo.endCursor : null;
  } while (after);
  return nodes;
}

/** What a step editor offers: every component (with its forms) and every credential to choose from. */
export async function loadFlowEditorData(api: LatchkeyClient) {
  const [{ components }, nodes] = await Promise.all([api.request(ComponentCatalogDocument), loadAllCredentials(api)]);
  const credentials: CredentialChoice[] = nodes
    .map((node) => ({ id: node.id, name: node.name, status: node.status, componentKey: node.component.key }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { components: [...components].sort((a, b) => a.name.localeCompare(b.name)), credentials };
}
