import type { AuthType } from "../types";
import { createVerificationResult, type Verifier } from "./verifier";

const AUTH_TYPE_NAMES: Record<AuthType, string> = {
  API_KEY: "API key",
  BASIC: "Basic auth",
  OAUTH2: "OAuth2",
  DATABASE: "database",
};

/** Stands in for auth types whose verification does not exist yet; the credential stays UNVERIFIED. */
export const unsupportedVerifier: Verifier = async (target) =>
  createVerificationResult(
    target,
    {
      ok: false,
      code: "UNEXPECTED_RESPONSE",
      status: "UNVERIFIED",
      message: `Verification of ${AUTH_TYPE_NAMES[target.method.type]} credentials is not supported yet.`,
    },
    performance.now(),
  );
