import { locationOf, rejectedRow } from "../row-error";
import { readJsonObjects } from "./json-elements";
import { LEASH_COLUMNS, LEASH_COLUMN_NAMES, type LeashColumn } from "./leash-columns";
import { jsonFieldValue, leashRecord } from "./leash-fields";
import { DuplicateIds } from "./record-draft";
import { type CredentialImporter, DEFAULT_MAX_RECORD_CHARS, type ImportItem, type ImportOptions } from "./types";

/**
 * Leash JSON: an array of objects (or NDJSON, one object per line) keyed by the Leash CSV column names, with
 * JSON types: arrays for lists, booleans, and `null` for `never` dates and unrestricted operations.
 */
export async function* parseLeashJson(
  input: AsyncIterable<Uint8Array>,
  options: ImportOptions = {},
): AsyncGenerator<ImportItem> {
  const seen = new DuplicateIds();
  const elements = readJsonObjects(input, { maxElementChars: options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS });
  for await (const element of elements) {
    if ("error" in element) {
      yield element;
      continue;
    }
    const { value } = element;
    const at = locationOf(element);
    const unknown = Object.keys(value).find((k) => !LEASH_COLUMN_NAMES.includes(k));
    if (unknown !== undefined) {
      yield rejectedRow(at, { field: unknown.slice(0, 64), reason: "unknown field" });
      continue;
    }
    const secret = value.secret;
    if (secret !== undefined && secret !== null && typeof secret !== "string") {
      yield rejectedRow(at, { field: "secret", reason: "expected a string" });
      continue;
    }
    const row = { ...at, value: (col: LeashColumn) => jsonFieldValue(col, value[col.name]), secret: secret ?? undefined };
    yield leashRecord(row, options, seen);
  }
}

export const leashJsonImporter: CredentialImporter = {
  format: "leash-json",
  description: `Leash JSON: an array (or NDJSON) of objects with the ${LEASH_COLUMNS.length} Leash CSV fields, JSON-typed.`,
  fileTypes: [".json", ".ndjson", ".jsonl", "application/json", "application/x-ndjson"],
  parse: parseLeashJson,
};
