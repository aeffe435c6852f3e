/** A server action that threw (the web server failed, not the API): the form says so instead of crashing. */
export type Unexpected = { __typename: "Unexpected" };

/** Awaits a server action; a thrown error becomes an Unexpected value the caller shows. */
export async function settle<T>(run: () => Promise<T>): Promise<T | Unexpected> {
  try {
    return await run();
  } catch {
    return { __typename: "Unexpected" };
  }
}
