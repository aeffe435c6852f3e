/**
 * Run by oauth2-token-use.test.ts with tsx: drives CredentialService directly (on a real database)
 * through what has no API yet: uses of a credential by a flow runtime (resolveForUse) and a
 * scheduled re-verification (reverify with onPurpose false). Prints one JSON line of what each
 * step answered; token values only as SHA-256 hashes.
 */
import { createHash } from "node:crypto";
import { createServices, loadKeyring } from "@latchkey/core";
import { ensureDefaultWorkspace, openDatabase } from "@latchkey/db";

const env = process.env as Record<string, string>;
const hash = (value: unknown) => createHash("sha256").update(String(value)).digest("hex");

async function main(): Promise<void> {
  const database = await openDatabase({ url: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR! });
  try {
    const { keyring } = loadKeyring({ dataDir: env.DATA_DIR! });
    const verifier = { timeoutMs: 5_000, serverUrl: "http://127.0.0.1:9", baseUrlOverrides: {} };
    const { credentials, components } = createServices({ db: database.db, keyring, verifier });
    const { id: workspaceId } = await ensureDefaultWorkspace(database.db);
    const registered = await components.register(workspaceId, JSON.parse(env.DESCRIPTOR!));
    if (registered.__typename !== "ComponentRegistered") throw new Error(JSON.stringify(registered));

    const started = await credentials.startOAuth2Authorization(workspaceId, {
      componentKey: registered.component.key,
      authType: "OAUTH2",
      values: { clientId: env.CLIENT_ID, clientSecret: env.CLIENT_SECRET },
    });
    if (started.__typename !== "OAuth2Authorization") throw new Error(JSON.stringify(started));
    const back = await fetch(started.authorizationUrl, { redirect: "manual" });
    const done = await credentials.completeOAuth2Authorization(new URL(back.headers.get("location")!).searchParams);
    if (!done.ok) throw new Error(done.message);

    const use = async () => {
      const result = await credentials.resolveForUse(workspaceId, done.credentialId);
      if (result.__typename === "ResolvedCredential") {
        return {
          typename: result.__typename,
          secretNames: Object.keys(result.secrets).sort(),
          accessTokenHash: hash(result.secrets.accessToken),
          clientSecretHash: hash(result.secrets.clientSecret),
          expiresInS: result.expiresAt ? Math.round((result.expiresAt.getTime() - Date.now()) / 1000) : null,
          status: result.credential.status,
        };
      }
      return { typename: result.__typename, message: result.message, ...("verification" in result ? { code: result.verification.code } : {}) };
    };
    const reverify = async (onPurpose: boolean) => {
      const result = await credentials.reverify(workspaceId, done.credentialId, { onPurpose });
      if (result.__typename !== "CredentialVerified") throw new Error(result.message);
      return { status: result.credential.status, code: result.verification.code };
    };

    const steps: Record<string, unknown> = {};
    steps.renewed = await use();
    steps.refused = await use();
    steps.again = [await use(), await use()];
    steps.scheduled = await reverify(false);
    steps.onPurpose = await reverify(true);
    console.log(JSON.stringify(steps));
  } finally {
    await database.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
