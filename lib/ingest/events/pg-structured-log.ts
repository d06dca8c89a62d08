import type { RowError } from "../row-error";
import { quoteOpenAfter, splitCsv } from "./csv-fields";
import type { Line } from "./line-splitter";
import type { PrefixFields } from "./log-line-prefix";
import { jsonOfLine } from "./row-checks";
import type { ResolvedOptions } from "./types";

/**
 * PostgreSQL's machine-readable log destinations, which need no log_line_prefix: `csvlog` (columns as documented in
 * "Using CSV-Format Log Output") and `jsonlog` (keys as in "Using JSON-Format Log Output"; PostgreSQL 15+). The
 * session facts come from the columns / keys instead of prefix escapes.
 */
export type StructuredLayout = "csvlog" | "jsonlog";

/** log_time, then user_name and database_name (quoted, or empty for background processes), then process_id. */
const CSVLOG_ROW = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?(?: [^,"]*)?,(?:"(?:[^"]|"")*")?,(?:"(?:[^"]|"")*")?,\d*,/;

/** Which structured layout the first line of a log is in, if any. */
export function structuredLayoutOf(firstLine: string): StructuredLayout | null {
  if (firstLine.startsWith("{")) return "jsonlog";
  if (CSVLOG_ROW.test(firstLine)) return "csvlog";
  return null;
}

/** csvlog column positions; stable since 9.0 (application_name), later versions only append columns. */
const COL = { logTime: 0, user: 1, database: 2, pid: 3, connectionFrom: 4, sessionId: 5, sessionLine: 6, severity: 11, sqlState: 12, message: 13, query: 19, application: 22 } as const;
const CSVLOG_MIN_COLUMNS = 23;
/** Audit messages are always quoted (csvlog) or a string (jsonlog), so an audit row contains this. */
const AUDIT_FIELD = '"AUDIT: ';

/**
 * One csvlog row or jsonlog line. Every entry is read, not only `AUDIT:` ones: an ERROR of the same backend says
 * whether an audited statement failed. Only rows that look like audit rows are worth a row error when malformed.
 */
export type StructuredEntry = {
  line: number;
  /** The session facts, named as the log_line_prefix escapes that give them in stderr logs. */
  fields: PrefixFields;
  severity: string;
  message: string;
  /** The statement an ERROR was about (csvlog `query`, jsonlog `statement`), when log_min_error_statement logs it. */
  statement: string | undefined;
  /** Where the time came from, to name in row errors. */
  timeField: string;
};
export type StructuredItem = StructuredEntry | { line: number; error: RowError };

/** Reads csvlog rows (a quoted field may span lines). */
export async function* readCsvlog(lines: AsyncIterable<Line>, options: ResolvedOptions): AsyncGenerator<StructuredItem> {
  let row: { line: number; parts: string[]; open: boolean; size: number; oversized: boolean } | null = null;
  for await (const item of lines) {
    if ("error" in item) {
      row = null;
      yield item;
      continue;
    }
    if (row !== null && startsAuditRow(item.text)) {
      yield { line: row.line, error: { line: row.line, reason: "csvlog row ends inside a quoted field (cut short?)" } };
      row = null;
    }
    if (row === null) {
      if (item.text === "") continue;
      row = { line: item.line, parts: [item.text], open: quoteOpenAfter(item.text, false), size: item.text.length, oversized: false };
    } else {
      row.open = quoteOpenAfter(item.text, row.open);
      row.size += item.text.length + 1;
      if (row.size > options.maxLineBytes) {
        row.oversized = true;
        row.parts = [];
      }
      if (!row.oversized) row.parts.push(item.text);
    }
    // An over-long row stops claiming lines, so a never-closed quote cannot swallow the file.
    if (row.open && !row.oversized) continue;
    const done = row;
    row = null;
    if (done.oversized) {
      yield { line: done.line, error: { line: done.line, reason: `csvlog row is longer than the ${options.maxLineBytes}-byte limit` } };
      continue;
    }
    const entry = fromCsvRow(done.line, done.parts.join("\n"));
    if (entry) yield entry;
  }
  if (row !== null) yield { line: row.line, error: { line: row.line, reason: "csvlog row ends inside a quoted field (truncated file?)" } };
}

/**
 * Whether a line is the start of an audit row. Inside a quoted field every quote is doubled, so a line of a multi-line
 * message never has `,"AUDIT: `: a row left open before such a line was cut short, and must not swallow the rows after.
 */
function startsAuditRow(text: string): boolean {
  return text.includes(`,${AUDIT_FIELD}`) && CSVLOG_ROW.test(text);
}

function fromCsvRow(line: number, text: string): StructuredItem | null {
  const audit = text.includes(AUDIT_FIELD);
  const cols = splitCsv(text);
  if (cols === null) return audit ? { line, error: { line, reason: "csvlog row has a quoted field that is not closed" } } : null;
  if (cols.length < CSVLOG_MIN_COLUMNS) {
    return audit ? { line, error: { line, reason: `csvlog row has ${cols.length} columns; PostgreSQL writes at least ${CSVLOG_MIN_COLUMNS}` } } : null;
  }
  const fields = definedFields({
    u: cols[COL.user],
    d: cols[COL.database],
    p: cols[COL.pid],
    // connection_from is host:port (or [local]).
    h: cols[COL.connectionFrom]?.replace(/:\d+$/, ""),
    c: cols[COL.sessionId],
    l: cols[COL.sessionLine],
    e: cols[COL.sqlState],
    a: cols[COL.application],
    m: cols[COL.logTime],
  });
  const query = cols[COL.query] as string;
  return { line, fields, severity: cols[COL.severity] as string, message: cols[COL.message] as string, statement: query === "" ? undefined : query, timeField: "log_time" };
}

/** Reads jsonlog lines (one JSON object each). */
export async function* readJsonlog(lines: AsyncIterable<Line>): AsyncGenerator<StructuredItem> {
  for await (const item of lines) {
    if ("error" in item) {
      yield item;
      continue;
    }
    if (item.text.trim() === "") continue;
    const parsed = jsonOfLine(item.line, item.text, "jsonlog line is not valid JSON (truncated line?)");
    if ("error" in parsed) {
      if (item.text.includes(AUDIT_FIELD)) yield { line: item.line, error: parsed.error };
      continue;
    }
    const entry = parsed.value;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) continue;
    const e = entry as Record<string, unknown>;
    if (typeof e.message !== "string") continue;
    const fields = definedFields({
      m: text(e.timestamp),
      u: text(e.user),
      d: text(e.dbname),
      p: text(e.pid),
      h: text(e.remote_host),
      c: text(e.session_id),
      l: text(e.line_num),
      e: text(e.state_code),
      a: text(e.application_name),
    });
    yield { line: item.line, fields, severity: text(e.error_severity) ?? "", message: e.message, statement: text(e.statement), timeField: "timestamp" };
  }
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
}

/** Empty columns are absent facts, as unmatched prefix escapes are. */
function definedFields(fields: PrefixFields): PrefixFields {
  const out: PrefixFields = {};
  for (const [k, v] of Object.entries(fields) as [keyof PrefixFields, string | undefined][]) if (v !== undefined && v !== "") out[k] = v;
  return out;
}
