import "server-only";
import { AppError } from "@/lib/server/errors";

/**
 * Loads one keyset page of a list. A cursor is the one list input the pages cannot check before the server decodes
 * it: a stale or hand-edited one is refused as invalid, and the list starts again at its first page instead of
 * failing. Returns the query that was used, so the page links from where it really is.
 */
export async function loadPage<Q extends { cursor?: string }, P>(query: Q, load: (query: Q) => Promise<P>): Promise<{ query: Q; page: P; restarted: boolean }> {
  try {
    return { query, page: await load(query), restarted: false };
  } catch (error) {
    if (!(error instanceof AppError && error.code === "invalid" && query.cursor)) throw error;
    const first = { ...query, cursor: undefined };
    return { query: first, page: await load(first), restarted: true };
  }
}
