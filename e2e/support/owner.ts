import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The first owner the setup project creates through the UI; the other tests run signed in as them. */
export const OWNER = { name: "E2E Owner", email: "owner@e2e.latchkey.test", password: "e2e owner password", workspaceName: "E2E workspace" };

/** Where the setup project saves the signed-in browser state (cookies), for the tests that depend on it. */
export const OWNER_STORAGE_STATE = path.join(path.dirname(fileURLToPath(import.meta.url)), "../.auth/owner.json");

/** The owner's session token from the saved storage state, for SDK calls made by the tests. */
export function ownerSession(): string {
  if (!existsSync(OWNER_STORAGE_STATE)) throw new Error("No saved session: run the setup project first (it runs before every other test).");
  const state = JSON.parse(readFileSync(OWNER_STORAGE_STATE, "utf8")) as { cookies: { name: string; value: string }[] };
  const cookie = state.cookies.find((c) => c.name === "latchkey_session");
  if (!cookie) throw new Error("The saved storage state has no session cookie.");
  return cookie.value;
}
