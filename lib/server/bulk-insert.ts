import "server-only";
import { createHash } from "node:crypto";
import { finished } from "node:stream/promises";
import { getTableColumns, getTableName, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { encodeRows, type EncodedRows } from "./copy-text";
import type { Tx } from "./inventory-writer";
import { rowsOf } from "./sql-rows";

/**
 * Inserts many rows: COPY into a temporary staging table of the same columns, then one insert … select from it,
 * which can skip or update conflicting rows and return what it wrote (COPY alone can do neither). Postgres reads each
 * value once with its type's input function; an insert from one JSON document (the way before) spent half its time
 * parsing the document. Rows are keyed by the table's property names, as in drizzle inserts, or already encoded
 * (encodeRows), so a caller can encode a batch while the previous one is being written.
 */
export async function bulkInsert<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: Partial<T["$inferInsert"]>[] | EncodedRows<T>,
  returning: SQL = sql`1`,
  /** e.g. `on conflict (ingest_key) do nothing`: rows skipped by it are not returned. */
  onConflict: SQL = sql``,
): Promise<Record<string, unknown>[]> {
  const encoded = Array.isArray(rows) ? encodeRows(table, rows) : rows;
  if (encoded.count === 0) return [];
  const staging = await stagingTable(tx, table);
  await copyRows(tx, encoded, staging);
  const list = sql.raw(columnList(encoded));
  // The staged rows are deleted as they are read, so the next batch of this transaction starts from an empty table.
  return rowsOf(
    tx,
    sql`with staged as (delete from ${sql.identifier(staging)} returning ${list})
      insert into ${sql.identifier(getTableName(table))} (${list}) select ${list} from staged ${onConflict} returning ${returning}`,
  );
}

/**
 * COPYs encoded rows straight into their table (or `into`, a table with the same columns): the fastest write there
 * is, with no way around a conflict (a duplicate key fails the statement and the transaction). Returns the count.
 */
export async function copyRows(tx: Tx, encoded: EncodedRows, into = getTableName(encoded.table)): Promise<number> {
  if (encoded.count === 0) return 0;
  const copied = await copy(tx, `copy "${into}" (${columnList(encoded)}) from`, encoded.bytes);
  if (copied !== encoded.count) throw new Error(`COPY into ${into} wrote ${copied} of ${encoded.count} rows`);
  return copied;
}

function columnList(encoded: EncodedRows): string {
  return encoded.columns.map((name) => `"${name}"`).join(", ");
}

/** What a PGlite transaction offers for COPY … FROM '/dev/blob'. */
type BlobQuery = { query: (text: string, params: unknown[], options: { blob: Blob }) => Promise<{ affectedRows?: number }> };

/** Runs `statement` (`copy … from`, without its source) on the transaction's connection, feeding it `bytes`. */
async function copy(tx: Tx, statement: string, bytes: Buffer<ArrayBuffer>[]): Promise<number> {
  // drizzle keeps the transaction's connection on its session: a node-postgres client, or PGlite's transaction.
  const client = (tx as unknown as { session: { client: unknown } }).session.client;
  if (client instanceof pg.Client) {
    const stream = client.query(copyFrom(`${statement} stdin`));
    for (const chunk of bytes) stream.write(chunk);
    stream.end();
    await finished(stream);
    return stream.rowCount;
  }
  // The embedded database reads COPY input from a blob given with the statement.
  const result = await (client as BlobQuery).query(`${statement} '/dev/blob'`, [], { blob: new Blob(bytes) });
  return result.affectedRows ?? 0;
}

/**
 * The connection's staging table for `table`, created on first use: a temporary table (each connection has its own)
 * with the table's columns and no constraints, emptied at commit. Its name carries a digest of the column list, so
 * a connection opened before a migration does not copy into a table with yesterday's columns.
 */
async function stagingTable(tx: Tx, table: PgTable): Promise<string> {
  const staging = stagingName(table);
  await tx.execute(sql`create temporary table if not exists ${sql.identifier(staging)} on commit delete rows as select * from ${sql.identifier(getTableName(table))} with no data`);
  return staging;
}

const stagingNames = new WeakMap<PgTable, string>();

function stagingName(table: PgTable): string {
  let name = stagingNames.get(table);
  if (name === undefined) {
    const digest = createHash("sha256")
      .update(Object.values(getTableColumns(table)).map((c) => `${c.name}:${c.getSQLType()}`).join(","))
      .digest("hex")
      .slice(0, 10);
    stagingNames.set(table, (name = `leash_staging_${getTableName(table)}_${digest}`));
  }
  return name;
}
