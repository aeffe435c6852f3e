/** Runs once when the server starts. */
export async function register(): Promise<void> {
  // NEXT_RUNTIME is a constant Next.js compiles in, not configuration; the check runs in Node.js only.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { exitOnInvalidConfiguration } = await import("./lib/check-configuration");
    exitOnInvalidConfiguration();
  }
}
