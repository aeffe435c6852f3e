import { existsSync } from "node:fs";
import path from "node:path";

const repoRoot = path.resolve(__dirname, "../../../..");

/**
 * The folder of real elastic.io component.json files that the import tests read (test data kept
 * beside the clone, never copied into it): `LATCHKEY_ELASTICIO_COMPONENTS`, or
 * `../shared/elasticio-components` next to the repository. When it is not there the tests that need
 * it are skipped with a loud warning, except under CI=true, where its absence fails the run.
 */
export function elasticioTestData(): string | undefined {
  const folder = path.resolve(process.env.LATCHKEY_ELASTICIO_COMPONENTS ?? path.join(repoRoot, "../shared/elasticio-components"));
  const there = reachableOrSkip(
    existsSync(folder),
    `The elastic.io component.json test data is not at ${folder}: the tests that import it cannot run.`,
    "Set LATCHKEY_ELASTICIO_COMPONENTS to its folder.",
  );
  return there ? folder : undefined;
}

/** Whether a test's outside need is there; if not it is skipped loudly, or fails under CI=true. */
export function reachableOrSkip(reachable: boolean, message: string, hint?: string): boolean {
  if (reachable) return true;
  if (process.env.CI === "true") throw new Error(message);
  console.warn(`\n*** SKIPPED: ${message}${hint ? ` ${hint}` : ""} ***\n`);
  return false;
}
