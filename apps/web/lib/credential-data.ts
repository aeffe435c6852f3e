import "server-only";

import {
  ComponentCatalogDocument,
  ComponentsDocument,
  CredentialDocument,
  CredentialsDocument,
  type CredentialFilter,
  type CredentialsQuery,
  type LatchkeyClient,
} from "@latchkey/sdk";
import { cache } from "react";

import type { CredentialChoice } from "@/components/step-credential-select";
import { loadFromApi } from "@/lib/api";
import type { PageVariables } from "@/lib/paging";

const PAGE_SIZE = 200;

type CredentialNode = CredentialsQuery["credentials"]["edges"][number]["node"];

/**
 * One credential with its usage and its whole component (whose auth methods label its fields), or
 * null when there is none: one API call per request, shared by a page and its metadata.
 */
export const loadCredential = cache((id: string, usagePage: PageVariables | null = null) =>
  loadFromApi((api) =>
    api.request(CredentialDocument, {
      id,
      ...(usagePage ? { usageFirst: usagePage.first, usageAfter: usagePage.after, usageLast: usagePage.last, usageBefore: usagePage.before } : {}),
    }),
  ),
);

interface Connection<N> {
  edges: { node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Every node of a connection, page after page (for pickers, which offer every choice). */
export async function loadAllPages<N>(page: (after: string | null) => Promise<Connection<N>>): Promise<N[]> {
  const nodes: N[] = [];
  let after: string | null = null;
  do {
    const connection: Connection<N> = await page(after);
    nodes.push(...connection.edges.map((edge) => edge.node));
    after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  } while (after);
  return nodes;
}

/** Every credential matching the filter, page after page. */
export function loadAllCredentials(api: LatchkeyClient, filter: CredentialFilter = {}): Promise<CredentialNode[]> {
  return loadAllPages(async (after) => (await api.request(CredentialsDocument, { filter, first: PAGE_SIZE, after })).credentials);
}

/** Every component of the workspace, page after page. */
export function loadAllComponents(api: LatchkeyClient) {
  return loadAllPages(async (after) => (await api.request(ComponentsDocument, { first: PAGE_SIZE, after })).components);
}

/** What a step editor offers: every component (with its forms) and every credential to choose from. */
export async function loadFlowEditorData(api: LatchkeyClient) {
  const [components, nodes] = await Promise.all([
    loadAllPages(async (after) => (await api.request(ComponentCatalogDocument, { first: PAGE_SIZE, after })).components),
    loadAllCredentials(api),
  ]);
  const credentials: CredentialChoice[] = nodes
    .map((node) => ({ id: node.id, name: node.name, status: node.status, componentKey: node.component.key }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { components: [...components].sort((a, b) => a.name.localeCompare(b.name)), credentials };
}
