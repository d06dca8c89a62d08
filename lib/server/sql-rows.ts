import "server-only";
import { sql, type SQL } from "drizzle-orm";

/** Anything that runs raw SQL: the database or an open transaction. */
type Executor = { execute: (statement: SQL) => PromiseLike<unknown> };

/** The rows of a raw SQL statement (drizzle's `execute` result, the same shape on PGlite and node-postgres). */
export async function rowsOf<T>(executor: Executor, statement: SQL): Promise<T[]> {
  return ((await executor.execute(statement)) as { rows: T[] }).rows;
}

/**
 * A query started ahead of being awaited. If its reader stops early, a failure of the query it no longer wants must
 * not become an unhandled rejection; awaited, it still throws.
 */
export function readAhead<T>(query: Promise<T>): Promise<T> {
  query.catch(() => {});
  return query;
}

/**
 * A keyset-paged read, a page at a time: `page(last)` reads the `size` rows after `last` (null: from the start). The
 * next page is read while the caller works on this one, so the database works on the other core. A page may carry
 * more than its rows (what else it read for them), as properties of the array.
 */
export async function* keysetPages<T, Page extends T[] = T[]>(page: (last: T | null) => Promise<Page>, size: number): AsyncGenerator<Page> {
  for (let next = page(null); ; ) {
    const rows = await next;
    if (rows.length === size) next = readAhead(page(rows.at(-1)!));
    if (rows.length) yield rows;
    if (rows.length < size) return;
  }
}

/** A list as one JSON parameter expanded in SQL, so a list of any length stays one bind parameter. */
export function jsonList(values: readonly (string | number)[]): SQL {
  return sql`(select jsonb_array_elements_text(${JSON.stringify(values.map(String))}::jsonb))`;
}

/**
 * A list of texts as ONE text[] parameter (a literal with every element quoted, which node-postgres and PGlite pass
 * alike): `column = any(…)` probes an index per element, where `in (subquery)` may scan the table.
 */
export function textArray(values: readonly string[]): SQL {
  return sql`${arrayLiteral(values)}::text[]`;
}

/** A Postgres array literal with every element quoted, so commas, braces and spaces in elements need nothing more. */
export function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((v) => (v === null || v === undefined ? "NULL" : `"${String(v).replace(/["\\]/g, "\\$&")}"`)).join(",")}}`;
}

/**
 * A timestamptz column as the text Date#toISOString would write (UTC, milliseconds), made by Postgres: reading
 * millions of them as Date objects only to format them again costs a microsecond or two each.
 */
export function isoText(column: SQL): SQL {
  return sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
