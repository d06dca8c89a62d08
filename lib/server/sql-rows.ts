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
 * A keyset-paged read, a page at a time: `page(last)` reads the `size` rows after `last` (null: from the start), and
 * `enrich(rows)` reads what else the page needs (by its rows) into what is yielded. The next page's rows are read
 * the moment this page's are in, while this page is enriched and the caller works on the one before: the database
 * works on the other core, and the chain of page reads never waits for an enrichment. At most two pages wait
 * beyond the one the caller holds.
 */
export async function* keysetPages<T, Page = T[]>(
  page: (last: T | null) => Promise<T[]>,
  size: number,
  enrich: (rows: T[]) => Promise<Page> = async (rows) => rows as Page,
): AsyncGenerator<Page> {
  const start = (last: T | null) => {
    const rows = readAhead(page(last));
    return { rows, enriched: readAhead(rows.then((r) => (r.length ? enrich(r) : undefined))) };
  };
  for (let current = start(null); ; ) {
    const rows = await current.rows;
    const next = rows.length === size ? start(rows.at(-1)!) : undefined;
    const enriched = await current.enriched;
    if (enriched !== undefined) yield enriched;
    if (!next) return;
    current = next;
  }
}

/** A list as one JSON parameter expanded in SQL, so a list of any length stays one bind parameter. */
export function jsonList(values: readonly (string | number)[]): SQL {
  return sql`(select jsonb_array_elements_text(${JSON.stringify(values.map(String))}::jsonb))`;
}

/**
 * A list of texts as ONE text[] parameter (a literal with every element quoted, which node-postgres and PGlite pass
 * alike): `column = any(…)` probes an index per element, where `in (subquery)` may scan the table. Not so on a
 * composite index whose leading column matches most rows (subject_verdicts by kind and id): there the planner reads
 * every row of that kind, and `join unnest(…)` on the list probes per element instead.
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
