import "server-only";

import {
  ComponentCatalogDocument,
  CredentialsDocument,
  type CredentialFilter,
  type CredentialsQuery,
  type LatchkeyClient,
} from "@latchkey/sdk";

import type { CredentialChoice } from "@/components/step-credential-select";

const PAGE_SIZE = 200;

type CredentialNode = CredentialsQuery["credentials"]["edges"][number]["node"];

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
