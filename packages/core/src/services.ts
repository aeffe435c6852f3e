import type { Database } from "@latchkey/db";
import { ComponentService } from "./components/component-service";
import type { Keyring } from "./crypto";
import { CredentialService, type OAuth2Settings } from "./credentials/credential-service";
import { FlowService } from "./flows/flow-service";
import type { VerifierOptions } from "./verification/verifier";

export interface Services {
  components: ComponentService;
  credentials: CredentialService;
  flows: FlowService;
}

export function createServices(deps: { db: Database; keyring: Keyring; verifier: VerifierOptions; oauth2?: OAuth2Settings }): Services {
  const components = new ComponentService(deps.db);
  return {
    components,
    credentials: new CredentialService(deps.db, deps.keyring, deps.verifier, components, deps.oauth2),
    flows: new FlowService(deps.db, components),
  };
}
