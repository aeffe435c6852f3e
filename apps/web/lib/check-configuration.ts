import { ConfigurationError, getEnv } from "@/env";

/** Bad configuration stops the server with one line naming the variable, before any request. */
export function exitOnInvalidConfiguration(): void {
  try {
    getEnv();
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
