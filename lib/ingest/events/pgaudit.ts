import type { ObservedEvent } from "../../domain/activity-event";
import type { RowError } from "../row-error";
import { canonicalJson, sha256Hex } from "./canonical";
import { defined } from "./leash-input";
import { splitLines } from "./line-splitter";
import { compileLogLinePrefix, matchPrefix, type CompiledPrefix, type PrefixFields } from "./log-line-prefix";
import { quoteOpenAfter } from "./csv-fields";
import { NO_STATEMENT, parseAuditMessage, pgTimestampToIso, redactSqlSecrets, type AuditRecord } from "./pgaudit-message";
import { StatementOutcomes } from "./pgaudit-outcome";
import { peekBytes } from "../peek";
import { readCsvlog, readJsonlog, structuredLayoutOf, type StructuredItem, type StructuredLayout } from "./pg-structured-log";
import { checkNotFuture } from "./timestamps";
import type { FormatReader, ObservedResult, ResolvedOptions } from "./types";

/**
 * One log entry: a prefixed line plus its continuation lines (PostgreSQL indents those with a tab). Audit entries
 * and `STATEMENT:` entries (the statement an ERROR was about) keep their text; others only their first line.
 */
type Entry = {
  line: number;
  fields: PrefixFields;
  severity: string;
  audit: boolean;
  kept: boolean;
  parts: string[];
  size: number;
  /** A quoted field of the audit message is open: the next lines belong to it. */
  quoteOpen: boolean;
  oversized: boolean;
};

/**
 * PostgreSQL logs with pgaudit lines: stderr logs (read with the configured log_line_prefix), or csvlog / jsonlog
 * files, recognised by their first line. Only `AUDIT:` entries become events; the other entries only say how the
 * audited statements ended (`StatementOutcomes`, the same for all three layouts). A quoted statement may span lines:
 * while its quote is open, following lines belong to it even if they happen to look like a new prefixed line.
 */
export const pgauditReader: FormatReader = {
  format: "pgaudit",
  async *read(input: AsyncIterable<Uint8Array>, options: ResolvedOptions): AsyncGenerator<ObservedResult> {
    const { head, stream } = await peekBytes(input, 4096);
    const compiled = compilePrefix(options.logLinePrefix);
    const layout = structuredLayout(firstLineOf(head), "error" in compiled ? null : compiled.prefix);
    if (layout === "csvlog") return yield* readStructured(readCsvlog(splitLines(stream, options.maxLineBytes), options), options);
    if (layout === "jsonlog") return yield* readStructured(readJsonlog(splitLines(stream, options.maxLineBytes)), options);
    if ("error" in compiled) {
      yield { line: 1, error: compiled.error, fatal: true };
      return;
    }
    let entry: Entry | null = null;
    const outcomes = new StatementOutcomes();
    for await (const item of splitLines(stream, options.maxLineBytes)) {
      if ("error" in item) {
        if (entry) yield* finish(entry, options, outcomes);
        entry = null;
        yield* outcomes.other(item);
        continue;
      }
      // An entry already over the limit stops claiming lines, so a never-closed quote cannot swallow the file.
      const quoteOpen = entry !== null && entry.audit && !entry.oversized && entry.quoteOpen;
      // PostgreSQL indents a message's continuation lines with a tab, so an untabbed line with an audit message is
      // the next entry even while a quote is open: the open entry was cut short, and must not swallow the audit
      // entries after it.
      const match = quoteOpen && item.text.startsWith("\t") ? null : matchPrefix(compiled.prefix, item.text);
      const continuing = quoteOpen && !match?.message.startsWith("AUDIT: ");
      if (match && !continuing) {
        if (entry) yield* finish(entry, options, outcomes);
        entry = startEntry(item.line, match.fields, match.severity, match.message);
      } else if (entry && (continuing || item.text.startsWith("\t"))) {
        // PostgreSQL indents each continuation line of a message with one tab.
        appendLine(entry, item.text.startsWith("\t") ? item.text.slice(1) : item.text, options.maxLineBytes);
      } else if (item.text.trim() !== "") {
        // Keep input order: the entry before the stray line is complete.
        if (entry) yield* finish(entry, options, outcomes);
        entry = null;
        yield* outcomes.other({ line: item.line, error: { line: item.line, reason: "line does not start with the configured log_line_prefix" } });
      }
    }
    if (entry) yield* finish(entry, options, outcomes);
    yield* outcomes.end();
  },
};

/** csvlog / jsonlog entries: audit entries become events, held until the entries after them say how they ended. */
async function* readStructured(entries: AsyncIterable<StructuredItem>, options: ResolvedOptions): AsyncGenerator<ObservedResult> {
  const outcomes = new StatementOutcomes();
  for await (const entry of entries) {
    if ("error" in entry) {
      yield* outcomes.other(entry);
      continue;
    }
    const backend = backendOf(entry.fields);
    if (!entry.message.startsWith("AUDIT: ")) {
      yield* outcomes.message(backend, entry.severity, entry.message, entry.statement);
      continue;
    }
    const result = observeAudit(entry.line, entry.fields, entry.message, { text: entry.fields.m, field: entry.timeField }, options);
    yield* audited(outcomes, backend, result);
  }
  yield* outcomes.end();
}

/** The first non-empty line of the upload's head (enough to tell the log's layout). */
function firstLineOf(head: Uint8Array): string {
  const text = new TextDecoder().decode(head);
  return text.split("\n").find((l) => l.trim() !== "")?.replace(/\r$/, "") ?? "";
}

/** csvlog or jsonlog when the first line is one and does not match the configured prefix; otherwise a stderr log. */
function structuredLayout(firstLine: string, prefix: CompiledPrefix | null): StructuredLayout | null {
  if (prefix && matchPrefix(prefix, firstLine)) return null;
  return structuredLayoutOf(firstLine);
}

function compilePrefix(prefix: string): { prefix: CompiledPrefix } | { error: RowError } {
  try {
    const compiled = compileLogLinePrefix(prefix);
    if (!compiled.hasTime) return { error: { line: 1, field: "log_line_prefix", reason: "has no %m, %t or %n, so events would have no time" } };
    return { prefix: compiled };
  } catch (error) {
    return { error: { line: 1, field: "log_line_prefix", reason: error instanceof Error ? error.message : "invalid" } };
  }
}

function startEntry(line: number, fields: PrefixFields, severity: string, message: string): Entry {
  const audit = message.startsWith("AUDIT: ");
  // Other messages are tracked so their continuation lines are skipped with them, and for what they say of the
  // statement audited before them (its ERROR, then the failed STATEMENT).
  const kept = audit || severity === "STATEMENT";
  const quoteOpen = audit && quoteOpenAfter(message, false);
  return { line, fields, severity, audit, kept, parts: [message], size: message.length, quoteOpen, oversized: false };
}

function appendLine(entry: Entry, text: string, limit: number): void {
  if (!entry.kept || entry.oversized) return;
  if (entry.audit) entry.quoteOpen = quoteOpenAfter(text, entry.quoteOpen);
  entry.size += text.length + 1;
  if (entry.size > limit) {
    entry.oversized = true;
    entry.parts = [];
    return;
  }
  entry.parts.push(text);
}

function* finish(entry: Entry, options: ResolvedOptions, outcomes: StatementOutcomes): Generator<ObservedResult> {
  const backend = backendOf(entry.fields);
  if (!entry.audit) return yield* outcomes.message(backend, entry.severity, entry.oversized ? "" : entry.parts.join("\n"));
  const line = entry.line;
  if (entry.oversized) return yield* outcomes.other({ line, error: { line, reason: `log entry is longer than the ${options.maxLineBytes}-byte limit` } });
  const timeField = entry.fields.m !== undefined ? "%m" : entry.fields.t !== undefined ? "%t" : "%n";
  const timeText = entry.fields.m ?? entry.fields.t ?? entry.fields.n;
  const result = observeAudit(line, entry.fields, entry.parts.join("\n"), { text: timeText, field: `timestamp (${timeField})` }, options);
  yield* audited(outcomes, backend, result);
}

/** The session id (%c) tells backends apart across restarts; the pid (%p) is the fallback. Without either, one backend. */
function backendOf(fields: PrefixFields): string {
  return fields.c ?? fields.p ?? "";
}

/** An audit entry's event, held until its backend says how the statement ended; or its row error, kept in order. */
function* audited(outcomes: StatementOutcomes, backend: string, result: ObservedResult): Generator<ObservedResult> {
  if ("error" in result) return yield* outcomes.other(result);
  const { statementId } = (result.observed.raw as { audit: Pick<AuditRecord, "statementId"> }).audit;
  yield* outcomes.audit(backend, result, statementId, result.observed.statement);
}

/** One `AUDIT: …` message with the session facts around it (prefix escapes, or csvlog/jsonlog columns) → an event. */
function observeAudit(
  line: number,
  fields: PrefixFields,
  message: string,
  time: { text: string | undefined; field: string },
  options: ResolvedOptions,
): ObservedResult {
  const fail = (field: string | undefined, reason: string): ObservedResult => ({ line, error: field ? { line, field, reason } : { line, reason } });
  const parsed = parseAuditMessage(message);
  if ("reason" in parsed) return fail(parsed.field, parsed.reason);
  if (time.text === undefined) return fail(time.field, "line has no timestamp");
  const iso = pgTimestampToIso(time.text, options.timeZoneAbbreviations);
  if ("reason" in iso) return fail(time.field, iso.reason);
  // `10:00:60` or `2026-13-01` has the shape of a timestamp but is no instant: a row error, not a crashed ingest.
  const instant = Date.parse(iso.iso);
  if (Number.isNaN(instant)) return fail(time.field, "not a valid date and time");
  const occurredAt = new Date(instant).toISOString();
  const future = checkNotFuture(occurredAt, options.now, options.maxFutureSkewMs);
  if (future) return fail(time.field, future);
  return { line, observed: toObserved(fields, parsed.record, occurredAt) };
}

/** Database-level commands, which pgaudit logs without an object name: the database is named in the statement. */
const DATABASE_COMMAND = /^\s*(?:DROP|ALTER|CREATE)\s+DATABASE\s+(?:IF\s+EXISTS\s+)?("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)/i;

function objectOf(audit: AuditRecord, statement: string | undefined): string | undefined {
  if (audit.objectName) return audit.objectName;
  if (statement === undefined || !audit.command.endsWith(" DATABASE")) return undefined;
  const name = DATABASE_COMMAND.exec(statement)?.[1];
  return name?.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name;
}

function toObserved(fields: PrefixFields, audit: AuditRecord, occurredAt: string): ObservedEvent {
  const statementLogged = !NO_STATEMENT.has(audit.statement);
  const statement = statementLogged ? redactSqlSecrets(audit.statement) : undefined;
  const clientHost = fields.h ?? fields.r?.replace(/\(\d+\)$/, "");
  const { parameter: _parameter, ...auditFacts } = { ...audit, statement: statement ?? audit.statement };
  // PostgreSQL has no event id; session id + session line number (%c, %l) identify a line when present.
  const identity = {
    occurredAt,
    pid: fields.p,
    session: fields.c,
    sessionLine: fields.l,
    user: fields.u,
    database: fields.d,
    host: clientHost,
    ...auditFacts,
  };
  return {
    format: "pgaudit",
    sourceEventId: sha256Hex(canonicalJson(identity)),
    ...defined({ statement }),
    occurredAt,
    credential: null,
    actor: fields.u ?? null,
    rawOperation: audit.command,
    operationKind: "sql",
    resource: objectOf(audit, statement) ?? fields.d ?? null,
    scope: defined({ database: fields.d }),
    outcome: "success",
    origin: defined({ ip: clientHost, application: fields.a }),
    tags: {},
    session: { kind: "database" },
    explicit: {},
    approvalRef: null,
    // Parameters can carry secrets and are not needed for evidence, so they are not kept.
    raw: { prefix: fields, audit: auditFacts },
  };
}
