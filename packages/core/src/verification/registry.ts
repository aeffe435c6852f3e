import type { AuthMethodDescriptor } from "../components/descriptor-schema";
import type { AuthType, VerificationResult } from "../types";
import { databaseVerifier } from "./database-verifier";
import { httpVerifier } from "./http-verifier";
import { oauth2Verifier } from "./oauth2-verifier";
import { createVerificationResult, type VerificationTarget, type Verifier, type VerifierOptions } from "./verifier";

export const verifiers: Record<AuthType, Verifier> = {
  API_KEY: httpVerifier,
  BASIC: httpVerifier,
  OAUTH2: oauth2Verifier,
  DATABASE: databaseVerifier,
  CUSTOM: httpVerifier,
};

/**
 * Whether the method says how to check a credential. Imported components (component.json) verify
 * with code Latchkey does not run; without an `x-latchkey` verify section they have none.
 */
function definesVerification(method: AuthMethodDescriptor): boolean {
  if (method.type === "DATABASE") return method.database !== undefined;
  if (method.type === "OAUTH2" || method.type === "API_KEY") return true;
  return method.verify !== undefined;
}

/** A login or connection whose fields have other names (imported components) gets their values under the role names too. */
function withRoleValues(target: VerificationTarget): VerificationTarget {
  const roles = "fieldRoles" in target.method ? target.method.fieldRoles : undefined;
  if (!roles) return target;
  const values = { ...target.values };
  for (const [role, field] of Object.entries(roles)) {
    if (field !== undefined && Object.hasOwn(target.values, field)) values[role] = target.values[field]!;
  }
  return { ...target, values };
}

/** Runs the verifier of the target's auth type; never throws. */
export async function verifyCredential(target: VerificationTarget, options: VerifierOptions): Promise<VerificationResult> {
  const startedAt = performance.now();
  if (!definesVerification(target.method)) {
    return createVerificationResult(
      target,
      {
        ok: true,
        code: "NOT_VERIFIED",
        status: "UNVERIFIED",
        message: `${target.descriptor.name} defines no verification (its component.json verifies with the component's own code), so the values were saved without being checked.`,
      },
      startedAt,
    );
  }
  try {
    return await verifiers[target.method.type](withRoleValues(target), options);
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
