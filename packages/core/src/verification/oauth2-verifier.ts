import { httpVerifier } from "./http-verifier";
import { createVerificationResult, type Verifier } from "./verifier";

/**
 * Verifies an OAuth2 access token (`target.accessToken`, obtained by the caller from the grant):
 * with the descriptor's `verify.http` request when it has one, else getting the token was the check.
 */
export const oauth2Verifier: Verifier = async (target, options) => {
  const { descriptor, method } = target;
  if (method.type === "OAUTH2" && target.accessToken && !method.verify) {
    return createVerificationResult(
      target,
      { ok: true, code: "OK", status: "VALID", message: `${descriptor.name} issued an access token.` },
      performance.now(),
    );
  }
  return httpVerifier(target, options);
};
