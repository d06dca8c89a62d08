import type { RowError } from "../row-error";
import { readCsvRows } from "./csv-rows";
import { readLines } from "./text-decode";

/**
 * A CSV upload with a header row: each data record becomes a column → cell map, or a row error naming the
 * column at fault. A bad header (missing required or unknown columns, duplicates) is one fatal error on the
 * header line: every row would be misread otherwise.
 */

export type CsvTableOptions = {
  required: readonly string[];
  /** When given, any other header column is rejected (catches typos that would silently drop data). */
  known?: readonly string[];
  maxRecordChars: number;
};

export type CsvTableItem =
  | { line: number; values: Map<string, string> }
  | { line: number; error: RowError; fatal?: true };

/**
 * Spreadsheets save their used range: columns past the table come with no name and, on every row, no value. They
 * are ignored while they hold nothing; a nameless column before a named one is an error in the header.
 */
function namedWidth(header: string[]): number {
  let width = header.length;
  while (width > 0 && header[width - 1] === "") width--;
  return width;
}

function checkHeader(header: string[], opts: CsvTableOptions): { field?: string; reason: string } | undefined {
  const seen = new Set<string>();
  for (const name of header.slice(0, namedWidth(header))) {
    if (name === "") return { reason: "header has an empty column name" };
    if (seen.has(name)) return { field: name, reason: "column appears twice in the header" };
    seen.add(name);
    if (opts.known && !opts.known.includes(name)) return { field: name, reason: "unknown column" };
  }
  const missing = opts.required.filter((c) => !seen.has(c));
  if (missing.length) {
    return { field: missing[0], reason: `required column missing from header: ${missing.join(", ")}` };
  }
  return undefined;
}

export async function* readCsvTable(
  src: AsyncIterable<Uint8Array>,
  opts: CsvTableOptions,
): AsyncGenerator<CsvTableItem> {
  let header: string[] | undefined;
  let named = 0;
  for await (const row of readCsvRows(readLines(src, opts.maxRecordChars), opts.maxRecordChars)) {
    // Spreadsheets save rows of empty cells below the data (a used range larger than the table): like a blank
    // line, such a row states nothing, so it is neither a record nor an error.
    if ("cells" in row && row.cells.every((cell) => cell.trim() === "")) continue;
    if (!header) {
      if ("error" in row) {
        yield { line: row.line, error: { line: row.line, reason: `header: ${row.error.reason}` }, fatal: true };
        return;
      }
      header = row.cells.map((c) => c.trim().toLowerCase());
      named = namedWidth(header);
      const problem = checkHeader(header, opts);
      if (problem) {
        yield { line: row.line, error: { line: row.line, ...problem }, fatal: true };
        return;
      }
      continue;
    }
    if ("error" in row) {
      const field = row.error.cell === undefined ? undefined : header[row.error.cell];
      yield { line: row.line, error: { line: row.line, ...(field ? { field } : {}), reason: row.error.reason } };
      continue;
    }
    if (row.cells.length < named || row.cells.length > header.length) {
      yield { line: row.line, error: cellCountError(row.line, header, named, row.cells.length) };
      continue;
    }
    const stray = row.cells.findIndex((cell, i) => i >= named && cell.trim() !== "");
    if (stray !== -1) {
      yield { line: row.line, error: { line: row.line, reason: `a value in column ${stray + 1}, which has no name in the header` } };
      continue;
    }
    const values = new Map<string, string>();
    header.slice(0, named).forEach((name, i) => values.set(name, row.cells[i] ?? ""));
    yield { line: row.line, values };
  }
  if (!header) yield { line: 1, error: { line: 1, reason: "file is empty: no header row" }, fatal: true };
}

function cellCountError(line: number, header: string[], named: number, found: number): RowError {
  if (found < named) {
    return {
      line,
      field: header[found],
      reason: `missing cells: expected ${named}, found ${found}`,
    };
  }
  return { line, reason: `extra cells: expected ${header.length}, found ${found}` };
}
