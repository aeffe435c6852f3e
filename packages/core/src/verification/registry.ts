import type { AuthType, VerificationResult } from "../types";
import { httpVerifier } from "./http-verifier";
import { oauth2Verifier } from "./oauth2-verifier";
import { unsupportedVerifier } from "./unsupported-verifier";
import { createVerificationResult, type VerificationTarget, type Verifier, type VerifierOptions } from "./verifier";

export const verifiers: Record<AuthType, Verifier> = {
  API_KEY: httpVerifier,
  BASIC: httpVerifier,
  OAUTH2: oauth2Verifier,
  DATABASE: unsupportedVerifier,
};

/** Runs the verifier of the target's auth type; never throws. */
export async function verifyCredential(target: VerificationTarget, options: VerifierOptions): Promise<VerificationResult> {
  const startedAt = performance.now();
  try {
    return await verifiers[target.method.type](target, options);
  } catch {
    // The error text is not shown: it may quote a request, and so a secret.
    return createVerificationResult(
      target,
      {
        ok: false,
        code: "UNEXPECTED_RESPONSE",
        status: "UNVERIFIED",
        message: `${target.descriptor.name} could not be verified because of an internal error.`,
      },
      startedAt,
    );
  }
}
