import { revalidatePath } from "next/cache";

/**
 * Passes a mutation's result through; when it is the success member, every page's data is marked
 * stale, so the page the person is on and the ones they go to next show the change.
 */
export function refreshAfter<T extends { __typename: string }>(result: T, success: T["__typename"]): T {
  if (result.__typename === success) revalidatePath("/", "layout");
  return result;
}
