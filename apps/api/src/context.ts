import type { Services } from "@latchkey/core";
import { createLoaders, type Loaders } from "./loaders";

/** Who is asking. Until sign-in exists, every request acts in the default workspace. */
export interface Viewer {
  kind: "local";
}

export interface RequestContext {
  workspaceId: string;
  viewer: Viewer;
  services: Services;
  loaders: Loaders;
}

export function createRequestContext(services: Services, workspaceId: string): RequestContext {
  return { workspaceId, viewer: { kind: "local" }, services, loaders: createLoaders(services, workspaceId) };
}
