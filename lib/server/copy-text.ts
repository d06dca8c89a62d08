import "server-only";
import { getTableColumns } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { arrayLiteral } from "./sql-rows";

/** JSON already serialised (a source's own text), written to a json or jsonb column as it is. */
export class JsonText {
  constructor(readonly text: string) {}
}

/** A row to encode: the table's insert shape, where a JSON column may also take its text ready-made. */
export type EncodableRow<T extends PgTable> = { [K in keyof T["$inferInsert"]]?: T["$inferInsert"][K] | JsonText };

/** Rows of one table in COPY's text format, ready to send (encoded ahead, while an earlier batch is written). */
export type EncodedRows<T extends PgTable = PgTable> = { table: T; columns: string[]; bytes: Buffer<ArrayBuffer>[]; count: number };

/**
 * Encodes rows for COPY … FROM (text format): one line per row, tab-separated, `\N` for null. Keys are the table's
 * property names, as in drizzle inserts; only columns some row sets are listed, so the others take their defaults.
 */
export function encodeRows<T extends PgTable>(table: T, rows: EncodableRow<T>[]): EncodedRows<T> {
  const all = getTableColumns(table) as Record<string, PgColumn>;
  const used = Object.keys(all).filter((key) => rows.some((row) => (row as Record<string, unknown>)[key] !== undefined));
  const encoders = used.map((key) => encoderOf(all[key]!));
  // A plain text column's strings skip the encoder call: they are most of the cells.
  const plain = used.map((key) => PLAIN_TEXT.has(all[key]!.columnType));
  const last = used.length - 1;
  const out = new ByteChunks();
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    let line = "";
    for (let i = 0; i <= last; i++) {
      const value = record[used[i]!];
      const cell = value === null || value === undefined ? "\\N" : plain[i] && typeof value === "string" ? escaped(value) : encoders[i]!(value);
      line += i === last ? `${cell}\n` : `${cell}\t`;
    }
    out.write(line);
  }
  return { table, columns: used.map((key) => all[key]!.name), bytes: out.bytes(), count: rows.length };
}

/**
 * UTF-8 bytes appended one row at a time, in chunks. A batch's text built as one string and encoded at the end cost
 * three times as much: V8 joins a string of many thousand concatenated pieces before encoding it (13% of an event
 * ingest). A row that may not fit what is left of a chunk starts the next one, so nothing is copied twice.
 */
class ByteChunks {
  private readonly chunks: Buffer<ArrayBuffer>[] = [];
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  write(text: string): void {
    // UTF-8 takes at most three bytes per UTF-16 unit.
    const most = text.length * 3;
    if (this.used + most > this.chunk.length) {
      if (this.used > 0) this.chunks.push(this.chunk.subarray(0, this.used));
      this.chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, most));
      this.used = 0;
    }
    this.used += this.chunk.write(text, this.used);
  }

  bytes(): Buffer<ArrayBuffer>[] {
    return this.used > 0 ? [...this.chunks, this.chunk.subarray(0, this.used)] : this.chunks;
  }
}

const CHUNK_BYTES = 256 * 1024;

const PLAIN_TEXT = new Set(["PgText", "PgVarchar", "PgUUID", "PgEnumColumn", "PgEnumObjectColumn"]);

type Encoder = (value: unknown) => string;

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** A backslash, newline, carriage return or tab inside a value is written as an escape; anything else as it is. */
function escaped(text: string): string {
  return /[\\\n\r\t]/.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]!) : text;
}

/**
 * JSON.stringify's text has no raw control characters, so only its backslashes need escaping; a source's own text
 * may also have tabs or carriage returns between its tokens.
 */
function escapedJson(value: unknown): string {
  if (value instanceof JsonText) return escaped(value.text);
  const text = JSON.stringify(value);
  return text.includes("\\") ? text.replaceAll("\\", "\\\\") : text;
}

function encoderOf(column: PgColumn): Encoder {
  switch (column.columnType) {
    case "PgJsonb":
    case "PgJson":
      return escapedJson;
    case "PgArray":
      return (value) => escaped(arrayLiteral(value as unknown[]));
    case "PgBoolean":
      return (value) => (value ? "t" : "f");
    default:
      return (value) => (value instanceof Date ? value.toISOString() : escaped(String(value)));
  }
}
