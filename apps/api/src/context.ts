import type { Services } from "@latchkey/core";
import type { VerificationRateLimiter } from "./limits";
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
  /** Call before anything that makes an outgoing request (a verification); throws RATE_LIMITED. */
  takeVerification(): void;
}

export function createRequestContext(services: Services, workspaceId: string, limiter: VerificationRateLimiter): RequestContext {
  return {
    workspaceId,
    viewer: { kind: "local" },
    services,
    loaders: createLoaders(services, workspaceId),
    takeVerification: () => limiter.take(workspaceId),
  };
}
