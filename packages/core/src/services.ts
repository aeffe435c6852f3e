import type { Database } from "@latchkey/db";
import { AccessService } from "./access/access-service";
import { ComponentService } from "./components/component-service";
import { ComponentSettingsService } from "./components/component-settings";
import type { ComponentDescriptor } from "./components/descriptor-schema";
import type { Keyring } from "./crypto";
import { CredentialService, type OAuth2Settings } from "./credentials/credential-service";
import { FlowService } from "./flows/flow-service";
import type { VerifierOptions } from "./verification/verifier";
import { WebhookService } from "./webhooks/webhook-service";

export interface Services {
  access: AccessService;
  components: ComponentService;
  componentSettings: ComponentSettingsService;
  credentials: CredentialService;
  flows: FlowService;
  webhooks: WebhookService;
}

export function createServices(deps: {
  db: Database;
  keyring: Keyring;
  verifier: VerifierOptions;
  /** The built-in catalog, copied into every new workspace. */
  catalog: ComponentDescriptor[];
  oauth2?: OAuth2Settings;
  /** How long API-token look-ups are reused (TOKEN_CACHE_TTL_MS by default; 0: not cached). */
  tokenCacheMs?: number;
}): Services {
  const components = new ComponentService(deps.db, deps.catalog, deps.verifier);
  return {
    access: new AccessService(deps.db, deps.catalog, deps.tokenCacheMs),
    components,
    componentSettings: new ComponentSettingsService(deps.db, deps.keyring, components),
    credentials: new CredentialService(deps.db, deps.keyring, deps.verifier, components, deps.oauth2),
    flows: new FlowService(deps.db, components),
    webhooks: new WebhookService(deps.db, deps.keyring, deps.verifier.networkPolicy),
  };
}
