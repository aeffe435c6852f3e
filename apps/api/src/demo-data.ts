import type { Services } from "@latchkey/core";
import { DEMO_PETSTORE_KEY } from "./demo-petstore";
import type { Logger } from "./logger";

/**
 * First start only: a verified Petstore credential (against the API's own demo endpoint, so it
 * works offline) used by one active and one inactive flow, so every screen has something to show.
 */
export async function seedDemoData(services: Services, workspaceId: string, logger: Logger): Promise<void> {
  const created = await services.credentials.create(workspaceId, {
    componentKey: "petstore",
    authType: "API_KEY",
    name: "Petstore demo account",
    values: { apiKey: DEMO_PETSTORE_KEY },
  });
  if (created.__typename !== "CredentialCreated") {
    logger.warn("Demo data was not created: the demo Petstore credential did not verify", { result: created.__typename });
    return;
  }
  const credentialId = created.credential.id;
  const report = await services.flows.create(workspaceId, {
    name: "Daily pet inventory report",
    steps: [{ componentKey: "petstore", credentialId, name: "Read the pet inventory" }],
  });
  if (report.__typename === "FlowSaved") await services.flows.activate(workspaceId, report.flow.id);
  await services.flows.create(workspaceId, {
    name: "Sync new pets to the CRM",
    steps: [
      { componentKey: "petstore", credentialId, name: "Fetch new pets" },
      { componentKey: "http-basic", name: "Push to the CRM" },
    ],
  });
  logger.info("Demo data created", { credentialId });
}
