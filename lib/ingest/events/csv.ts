import type { FieldProblem, RowError } from "../row-error";
import { observeLeashInput } from "./leash-input";
import { splitLines } from "./line-splitter";
import { quoteOpenAfter, splitCsv } from "./csv-fields";
import type { FormatReader, ObservedResult, ResolvedOptions } from "./types";

/**
 * The documented CSV columns: the Leash NDJSON fields flattened. A header row names the columns (any order, any
 * case, spaces or hyphens for underscores; unknown columns ignored, a column named twice refused); `occurred_at`, `operation` and `outcome` are required. `tags` holds
 * `key=value` pairs separated by `;`. Empty cells mean "not stated".
 */
export const csvColumns = [
  "event_id", "occurred_at", "key_id", "fingerprint", "credential_external_id", "actor", "actor_type", "on_behalf_of",
  "agent_name", "operation", "statement", "normalized_operation", "destructive", "resource", "environment",
  "aws_account_id", "host", "database", "project_id", "outcome", "error_code", "ip", "user_agent", "application",
  "tags", "session_kind", "session_issuer", "approval_ref",
] as const;
type Column = (typeof csvColumns)[number];
const REQUIRED: readonly Column[] = ["occurred_at", "operation", "outcome"];

/** Wire-format path → CSV column, so row errors name the column the user sees. */
const COLUMN_OF_PATH: Record<string, Column> = {
  "credential.key_id": "key_id",
  "credential.fingerprint": "fingerprint",
  "credential.external_id": "credential_external_id",
  credential: "key_id",
  "session.kind": "session_kind",
  "session.issuer": "session_issuer",
};

/**
 * The NDJSON field paths, flattened as a user writes them from the JSON Schema (`credential.key_id`,
 * `credential_key_id`, `origin_user_agent`, `scope.database`, `session.kind`), name the same columns; without this a
 * column such as `credential_key_id` would be ignored as unknown and its events left unlinked.
 */
const NESTED_GROUPS: Record<string, readonly Column[]> = {
  credential: ["key_id", "fingerprint"],
  scope: ["aws_account_id", "host", "database", "project_id"],
  origin: ["ip", "user_agent", "application"],
};

function columnOf(name: string): string {
  const flat = name.replace(".", "_");
  if (flat === "credential_external_id" || flat === "session_kind" || flat === "session_issuer") return flat;
  for (const [group, columns] of Object.entries(NESTED_GROUPS)) {
    const rest = flat.startsWith(`${group}_`) ? flat.slice(group.length + 1) : null;
    if (rest !== null && (columns as readonly string[]).includes(rest)) return rest;
  }
  return name;
}

export const csvReader: FormatReader = {
  format: "csv",
  async *read(input: AsyncIterable<Uint8Array>, options: ResolvedOptions): AsyncGenerator<ObservedResult> {
    let header: string[] | null = null;
    for await (const record of csvRecords(input, options.maxLineBytes)) {
      if ("error" in record) {
        yield record;
        continue;
      }
      if (header === null) {
        // Spreadsheet-style headings name the same columns: "Actor Type" and "actor-type" are actor_type.
        header = record.fields.map((f) => columnOf(f.trim().replace(/^\uFEFF/, "").toLowerCase().replace(/[\s-]+/g, "_")));
        const repeated = header.find((c, i) => (csvColumns as readonly string[]).includes(c) && header?.indexOf(c) !== i);
        if (repeated !== undefined) {
          // Which of the two cells a row means cannot be told: the file is refused rather than one read silently.
          yield { line: record.line, error: { line: record.line, field: repeated, reason: "column appears twice in the header" }, fatal: true };
          return;
        }
        const missing = REQUIRED.filter((c) => !header?.includes(c));
        if (missing.length > 0) {
          const reason = "required column is missing from the header";
          yield { line: record.line, error: { line: record.line, field: missing.join(", "), reason }, fatal: true };
          return;
        }
        continue;
      }
      yield rowToEvent(record.line, header, record.fields, options);
    }
  },
};

function rowToEvent(line: number, header: string[], fields: string[], options: ResolvedOptions): ObservedResult {
  if (fields.length !== header.length) {
    return { line, error: { line, reason: `expected ${header.length} columns, found ${fields.length}` } };
  }
  const cell: Partial<Record<Column, string>> = {};
  header.forEach((name, i) => {
    const value = fields[i];
    if ((csvColumns as readonly string[]).includes(name) && value !== undefined && value !== "") cell[name as Column] = value;
  });
  // Cells no event field can hold are reported with whatever else is wrong with the row.
  const problems: FieldProblem[] = [];
  const destructive = cell.destructive === undefined ? undefined : { true: true, false: false }[cell.destructive.toLowerCase()];
  if (cell.destructive !== undefined && destructive === undefined) problems.push({ field: "destructive", reason: "must be true or false" });
  const tags = parseTags(cell.tags);
  if (tags === null) problems.push({ field: "tags", reason: "must be key=value pairs separated by semicolons" });
  const group = <K extends string>(pairs: Record<K, string | undefined>) =>
    Object.values(pairs).some((v) => v !== undefined) ? pairs : undefined;
  const wire = {
    event_id: cell.event_id,
    occurred_at: cell.occurred_at,
    credential: group({ key_id: cell.key_id, fingerprint: cell.fingerprint, external_id: cell.credential_external_id }),
    actor: cell.actor,
    actor_type: cell.actor_type,
    on_behalf_of: cell.on_behalf_of,
    agent_name: cell.agent_name,
    operation: cell.operation,
    statement: cell.statement,
    normalized_operation: cell.normalized_operation,
    destructive,
    resource: cell.resource,
    environment: cell.environment,
    scope: group({ aws_account_id: cell.aws_account_id, host: cell.host, database: cell.database, project_id: cell.project_id }),
    outcome: cell.outcome,
    error_code: cell.error_code,
    origin: group({ ip: cell.ip, user_agent: cell.user_agent, application: cell.application }),
    tags: tags ?? undefined,
    session: group({ kind: cell.session_kind, issuer: cell.session_issuer }),
    approval_ref: cell.approval_ref,
  };
  return observeLeashInput(line, wire, "csv", options, { raw: cell, problems, fieldName: columnOfPath });
}

function columnOfPath(path: string): string {
  return COLUMN_OF_PATH[path] ?? path.split(".").pop() ?? path;
}

function parseTags(text: string | undefined): Record<string, string> | undefined | null {
  if (text === undefined) return undefined;
  const tags: Record<string, string> = {};
  for (const pair of text.split(";")) {
    if (pair.trim() === "") continue;
    const eq = pair.indexOf("=");
    if (eq <= 0) return null;
    tags[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return tags;
}

type CsvRecord = { line: number; fields: string[] } | { line: number; error: RowError };

/**
 * Logical CSV records from physical lines: a quoted field may hold newlines, so lines are joined while a
 * quote is open. A record that outgrows the limit (an unclosed quote, say) is dropped and reading resumes at
 * the next line, so one bad quote cannot swallow the rest of the file.
 */
async function* csvRecords(input: AsyncIterable<Uint8Array>, limit: number): AsyncGenerator<CsvRecord> {
  // Parts and whether a quoted field is open keep a many-line record linear to assemble.
  type Pending = { line: number; parts: string[]; size: number; open: boolean };
  let pending: Pending | null = null;
  for await (const item of splitLines(input, limit)) {
    if ("error" in item) {
      if (pending) yield { line: pending.line, error: { line: pending.line, reason: "record is cut off by an over-long line" } };
      pending = null;
      yield item;
      continue;
    }
    const record: Pending = pending ?? { line: item.line, parts: [], size: 0, open: false };
    record.parts.push(item.text);
    record.size += item.text.length + 1;
    record.open = quoteOpenAfter(item.text, record.open);
    if (record.size > limit + 1) {
      pending = null;
      yield { line: record.line, error: { line: record.line, reason: `record is longer than the ${limit}-byte limit (unclosed quote?)` } };
      continue;
    }
    if (record.open) {
      pending = record;
      continue;
    }
    pending = null;
    const text = record.parts.join("\n");
    if (text.trim() === "") continue;
    const fields = splitCsv(text);
    if (fields === null) yield { line: record.line, error: { line: record.line, reason: "quoted field is not closed" } };
    else yield { line: record.line, fields };
  }
  if (pending) yield { line: pending.line, error: { line: pending.line, reason: "file ends inside a quoted field (truncated upload?)" } };
}
