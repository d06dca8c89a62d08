import "server-only";
import { sql, type SQL } from "drizzle-orm";

/** Anything that runs raw SQL: the database or an open transaction. */
type Executor = { execute: (statement: SQL) => PromiseLike<unknown> };

/** The rows of a raw SQL statement (drizzle's `execute` result, the same shape on PGlite and node-postgres). */
export async function rowsOf<T>(executor: Executor, statement: SQL): Promise<T[]> {
  return ((await executor.execute(statement)) as { rows: T[] }).rows;
}

/**
 * A query started ahead of being awaited (the next page, read while this one is processed). If its reader stops
 * early, a failure of the query it no longer wants must not become an unhandled rejection; awaited, it still throws.
 */
export function readAhead<T>(query: Promise<T>): Promise<T> {
  query.catch(() => {});
  return query;
}

/** A list as one JSON parameter expanded in SQL, so a list of any length stays one bind parameter. */
export function jsonList(values: readonly (string | number)[]): SQL {
  return sql`(select jsonb_array_elements_text(${JSON.stringify(values.map(String))}::jsonb))`;
}
