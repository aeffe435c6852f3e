/**
 * Expected failures, as values. Their `__typename` is the name of the matching member of the
 * API's result unions, so the API passes them through without a mapping table.
 */
import type { VerificationResult } from "./types";

export interface FieldError {
  field: string;
  message: string;
}

export interface InvalidInput {
  __typename: "InvalidInput";
  message: string;
  fieldErrors: FieldError[];
}

export interface NotFound {
  __typename: "NotFound";
  message: string;
  id: string | null;
}

export interface VerificationFailed {
  __typename: "VerificationFailed";
  message: string;
  verification: VerificationResult;
}

export function invalidInput(fieldErrors: FieldError[], message?: string): InvalidInput {
  const summary =
    message ??
    (fieldErrors.length === 1
      ? `Invalid input: ${fieldErrors[0]!.field}: ${fieldErrors[0]!.message}`
      : `Invalid input in ${fieldErrors.length} fields: ${fieldErrors.map((e) => e.field).join(", ")}.`);
  return { __typename: "InvalidInput", message: summary, fieldErrors };
}

export function notFound(what: string, id: string | null): NotFound {
  return { __typename: "NotFound", message: id ? `${what} ${id} was not found.` : `${what} was not found.`, id };
}

export function verificationFailed(verification: VerificationResult): VerificationFailed {
  return { __typename: "VerificationFailed", message: verification.message, verification };
}
