import { invalidInput, isId, roleAtLeast } from "@latchkey/core";
import type { RequestContext } from "../../context";
import type { Resolvers, ResolversInterfaceTypes, ResolversTypes } from "../../generated/resolvers-types";
import { failAsUserInput } from "../shared";

type NodeValue = ResolversInterfaceTypes<ResolversTypes>["Node"];

/** How many ids one `nodes` call may ask for (as many as the largest page of a list). */
export const MAX_NODE_IDS = 200;

function tagged<T extends object, N extends NodeValue["__typename"]>(items: readonly (T | null | Error)[], typename: N): (T & { __typename: N })[] {
  return items.flatMap((item) => (item && !(item instanceof Error) ? [{ ...item, __typename: typename }] : []));
}

/**
 * The caller's workspace's objects with these ids, in their order (null where none): one query per
 * type (the request's loaders where there are some), whatever the number of ids. Ids are UUIDs
 * (unique across tables) except audit events', which are their sequence numbers. Invitations, API
 * tokens, audit events, webhook endpoints and their deliveries and other members' people are for admins, as their lists are; a non-admin
 * person finds only themselves, an API token no person.
 */
async function findNodes(ctx: RequestContext, ids: readonly string[]): Promise<(NodeValue | null)[]> {
  const viewer = ctx.viewer!;
  const uuids = [...new Set(ids.filter(isId))];
  const admin = viewer.kind === "person" && viewer.role !== null && roleAtLeast(viewer.role, "ADMIN");
  const [components, credentials, flows, steps, access, webhooks] = await Promise.all([
    ctx.loaders.component.loadMany(uuids),
    ctx.loaders.credential.loadMany(uuids),
    ctx.loaders.flow.loadMany(uuids),
    ctx.services.flows.findStepsByIds(ctx.workspaceId, uuids),
    admin ? ctx.services.access.findNodes(ctx.workspaceId, [...new Set(ids)]) : null,
    admin ? ctx.services.webhooks.findNodes(ctx.workspaceId, uuids) : null,
  ]);
  const found: NodeValue[] = [
    ...tagged(components, "Component"),
    ...tagged(credentials, "Credential"),
    ...tagged(flows, "Flow"),
    ...tagged(steps, "FlowStep"),
    ...tagged(access?.people ?? [], "Person"),
    ...tagged(access?.invitations ?? [], "Invitation"),
    ...tagged(access?.apiTokens ?? [], "ApiToken"),
    ...tagged(access?.auditEvents ?? [], "AuditEvent"),
    ...tagged(webhooks?.endpoints ?? [], "WebhookEndpoint"),
    ...tagged(webhooks?.deliveries ?? [], "WebhookDelivery"),
  ];
  if (viewer.workspace) found.push({ ...viewer.workspace, role: viewer.kind === "person" ? viewer.role : null, __typename: "Workspace" });
  if (viewer.kind === "person" && !admin) found.push({ ...viewer.person, __typename: "Person" });
  const byId = new Map(found.map((node) => [node.__typename === "AuditEvent" ? String(node.seq) : node.id, node]));
  return ids.map((id) => byId.get(id) ?? null);
}

export const nodeResolvers: Resolvers = {
  Query: {
    node: async (_, { id }, ctx) => (await findNodes(ctx, [id]))[0] ?? null,
    nodes: (_, { ids }, ctx) => {
      if (ids.length > MAX_NODE_IDS) failAsUserInput(invalidInput([{ field: "ids", message: `At most ${MAX_NODE_IDS} ids.` }]));
      return findNodes(ctx, ids);
    },
  },
};
