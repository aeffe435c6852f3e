import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { MutableResponse } from "oauth2-mock-server";
import { createTestDatabase, runScript, type TestDatabase } from "./harness";
import { CLIENT_ID, CLIENT_SECRET, SHORT_LIVED, TestProvider } from "./support/oauth2-provider";

/**
 * Uses of a credential by flow runtimes and scheduled re-verification have no API of their own
 * yet, so a script drives CredentialService on a real database (PGlite, or PostgreSQL with
 * DATABASE_URL) against the real provider, and this checks what reached the provider.
 */
let provider: TestProvider;
let database: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  provider = await TestProvider.start();
  database = await createTestDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-token-use-"));
});

afterAll(async () => {
  await provider.stop();
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const hash = (value: unknown) => createHash("sha256").update(String(value)).digest("hex");
const invalidGrant = (response: MutableResponse) => {
  response.statusCode = 400;
  response.body = { error: "invalid_grant" };
};

test("a use renews a token due for refresh; after invalid_grant no use and no scheduled check asks again, a deliberate one does", async () => {
  // The exchange and the first refresh hand out tokens inside the refresh margin; then the grant is refused.
  provider.nextTokenResponses.push(SHORT_LIVED, SHORT_LIVED, invalidGrant, invalidGrant);
  const output = await runScript(path.join(__dirname, "support/oauth2-token-use.ts"), {
    DATA_DIR: dataDir,
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    DESCRIPTOR: JSON.stringify(provider.descriptor("mock-use", { grantTypes: ["authorization_code"] })),
    CLIENT_ID,
    CLIENT_SECRET,
  });
  const steps = JSON.parse(output.trim().split("\n").at(-1)!);

  expect(provider.tokenRequests.map((r) => [r.grantType, r.status])).toEqual([
    ["authorization_code", 200],
    ["refresh_token", 200],
    ["refresh_token", 400],
    ["refresh_token", 400],
  ]);
  const renewedToken = provider.tokenRequests[1]!.answer.access_token;
  expect(steps.renewed).toEqual({
    typename: "ResolvedCredential",
    secretNames: ["accessToken", "clientSecret"],
    accessTokenHash: hash(renewedToken),
    clientSecretHash: hash(CLIENT_SECRET),
    expiresInS: expect.any(Number),
    status: "VALID",
  });
  expect(steps.renewed.expiresInS).toBeGreaterThan(45);
  expect(steps.renewed.expiresInS).toBeLessThanOrEqual(60);
  const expired = {
    typename: "VerificationFailed",
    code: "TOKEN_EXPIRED",
    message: "Mock mock-use refused to refresh the access token (invalid_grant): connect the account again.",
  };
  expect(steps.refused).toEqual(expired);
  expect(steps.again).toEqual([expired, expired]);
  expect(steps.scheduled).toEqual({ status: "EXPIRED", code: "TOKEN_EXPIRED" });
  expect(steps.onPurpose).toEqual({ status: "EXPIRED", code: "TOKEN_EXPIRED" });
  expect(output).not.toContain(CLIENT_SECRET);
  for (const token of provider.issued) expect(output).not.toContain(token);
});
