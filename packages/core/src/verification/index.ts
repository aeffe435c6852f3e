export { verifiers, verifyCredential } from "./registry";
export { httpVerifier, sendVerificationRequest } from "./http-verifier";
export type { VerificationRequest, VerificationResponse } from "./http-verifier";
export { oauth2Verifier } from "./oauth2-verifier";
export { unsupportedVerifier } from "./unsupported-verifier";
export { VerificationSetupError, createVerificationResult, scrubSecretValues } from "./verifier";
export type { VerificationOutcome, VerificationTarget, Verifier, VerifierOptions } from "./verifier";
