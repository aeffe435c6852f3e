import { z } from "zod";
import { invalidInput, type InvalidInput } from "./results";

export const MAX_NAME_LENGTH = 200;
export const MAX_VALUES_BYTES = 64 * 1024;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else cannot exist, and must never reach SQL as a uuid. */
export function isId(value: unknown): value is string {
  return typeof value === "string" && UUID_PATTERN.test(value);
}

export const zName = z
  .string()
  .trim()
  .min(1, "Must not be empty.")
  .max(MAX_NAME_LENGTH, `Must be at most ${MAX_NAME_LENGTH} characters.`);

export const zValues = z
  .record(z.string(), z.unknown())
  .refine((v) => Buffer.byteLength(JSON.stringify(v)) <= MAX_VALUES_BYTES, {
    message: `Must be at most ${MAX_VALUES_BYTES / 1024} KiB of JSON.`,
  });

/** Parses with a zod schema; failures become InvalidInput with dotted field paths under `prefix`. */
export function parseInput<T>(
  schema: z.ZodType<T>,
  input: unknown,
  prefix = "",
): { ok: true; value: T } | { ok: false; problem: InvalidInput } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const fieldErrors = parsed.error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || prefix || "input",
    message: issue.message,
  }));
  return { ok: false, problem: invalidInput(fieldErrors) };
}
