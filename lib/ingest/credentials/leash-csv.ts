import { readCsvTable } from "./csv-table";
import { LEASH_COLUMNS, LEASH_COLUMN_NAMES, LEASH_REQUIRED_COLUMNS } from "./leash-columns";
import { csvCellValue, leashRecord } from "./leash-fields";
import { DuplicateIds } from "./record-draft";
import { type CredentialImporter, DEFAULT_MAX_RECORD_CHARS, type ImportItem, type ImportOptions } from "./types";

/** Leash CSV: the documented columns (see leash-columns.ts); columns may be omitted except the required ones. */
export async function* parseLeashCsv(
  input: AsyncIterable<Uint8Array>,
  options: ImportOptions = {},
): AsyncGenerator<ImportItem> {
  const seen = new DuplicateIds();
  const table = readCsvTable(input, {
    required: LEASH_REQUIRED_COLUMNS,
    known: LEASH_COLUMN_NAMES,
    maxRecordChars: options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS,
  });
  for await (const row of table) {
    if ("error" in row) {
      yield { line: row.line, error: row.error };
      continue;
    }
    const { line, values } = row;
    yield leashRecord(
      {
        line,
        value: (col) => csvCellValue(col, values.get(col.name) ?? ""),
        // The secret cell is read once here and handed straight to the fingerprint; it is never trimmed or kept.
        secret: values.get("secret"),
      },
      options,
      seen,
    );
  }
}

export const leashCsvImporter: CredentialImporter = {
  format: "leash-csv",
  description: `Leash CSV template: ${LEASH_COLUMNS.length} documented columns, one credential per row.`,
  fileTypes: [".csv", "text/csv"],
  parse: parseLeashCsv,
};
