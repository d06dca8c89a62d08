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
export type EncodedRows<T extends PgTable = PgTable> = { table: T; columns: string[]; text: string; count: number };

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
  let text = "";
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    for (let i = 0; i <= last; i++) {
      const value = record[used[i]!];
      const cell = value === null || value === undefined ? "\\N" : plain[i] && typeof value === "string" ? escaped(value) : encoders[i]!(value);
      text += i === last ? `${cell}\n` : `${cell}\t`;
    }
  }
  return { table, columns: used.map((key) => all[key]!.name), text, count: rows.length };
}

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
