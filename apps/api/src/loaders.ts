import DataLoader from "dataloader";
import type {
  ComponentRecord,
  ComponentSettingRecord,
  CredentialRecord,
  FlowRecord,
  FlowStepRecord,
  Services,
} from "@latchkey/core";

function byId<T extends { id: string }>(ids: readonly string[], items: T[]): (T | null)[] {
  const map = new Map(items.map((i) => [i.id, i]));
  return ids.map((id) => map.get(id) ?? null);
}

function groupedFor<T>(ids: readonly string[], groups: Map<string, T[]>): T[][] {
  return ids.map((id) => groups.get(id) ?? []);
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Per-request batching: one query per kind of lookup, however many list items ask. */
export function createLoaders(services: Services, workspaceId: string) {
  // Every component a batch has read, for resolvers that can then answer without a promise.
  const loadedComponents = new Map<string, ComponentRecord>();
  return {
    component: new DataLoader<string, ComponentRecord | null>(async (ids) => {
      const found = await services.components.findByIds(workspaceId, ids);
      for (const component of found) loadedComponents.set(component.id, component);
      return byId(ids, found);
    }),
    /** A component this request has loaded already, synchronously (list resolvers load a page's at once). */
    loadedComponent: (id: string): ComponentRecord | undefined => loadedComponents.get(id),
    /**
     * A page's components in one query (those this request has not read yet), for loadedComponent:
     * no promise per node, as the DataLoader would make for each.
     */
    preloadComponents: async (ids: Iterable<string>): Promise<void> => {
      const missing = [...new Set(ids)].filter((id) => !loadedComponents.has(id));
      if (missing.length === 0) return;
      for (const component of await services.components.findByIds(workspaceId, missing)) loadedComponents.set(component.id, component);
    },
    /** A component a service read along with its answer (resolveCredential), so no second read asks for it. */
    knownComponent: (component: ComponentRecord): void => void loadedComponents.set(component.id, component),
    settingsOfComponent: new DataLoader<ComponentRecord, ComponentSettingRecord[], string>(
      async (list) => {
        const settings = await services.componentSettings.listByComponents(workspaceId, list);
        return list.map((c) => settings.get(c.id) ?? []);
      },
      { cacheKeyFn: (c) => c.id },
    ),
    credential: new DataLoader<string, CredentialRecord | null>(async (ids) =>
      byId(ids, await services.credentials.findByIds(workspaceId, ids)),
    ),
    flow: new DataLoader<string, FlowRecord | null>(async (ids) => byId(ids, await services.flows.findByIds(workspaceId, ids))),
    stepsOfFlow: new DataLoader<string, FlowStepRecord[]>(async (flowIds) =>
      groupedFor(flowIds, groupBy(await services.flows.stepsOf(workspaceId, flowIds), (s) => s.flowId)),
    ),
    stepsNeedingAttention: new DataLoader<string, FlowStepRecord[]>(async (flowIds) =>
      groupedFor(flowIds, groupBy(await services.flows.stepsNeedingAttention(workspaceId, flowIds), (s) => s.flowId)),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
