import type { ObservedEvent } from "../../domain/activity-event";
import type { RowError } from "../row-error";
import { canonicalJson, sha256Hex } from "./canonical";
import { defined } from "./leash-input";
import { splitLines } from "./line-splitter";
import { compileLogLinePrefix, matchPrefix, type CompiledPrefix, type PrefixFields } from "./log-line-prefix";
import { countQuotes } from "./csv-fields";
import { parseAuditMessage, pgTimestampToIso, redactSqlSecrets, type AuditRecord } from "./pgaudit-message";
import { checkNotFuture } from "./timestamps";
import type { FormatReader, ObservedResult, ResolvedOptions } from "./types";

/** One log entry: a prefixed line plus its continuation lines (PostgreSQL indents those with a tab). */
type Entry = { line: number; fields: PrefixFields; audit: boolean; parts: string[]; size: number; quotes: number; oversized: boolean };

/**
 * PostgreSQL stderr logs with pgaudit lines. Only `AUDIT:` entries become events; other log lines are
 * skipped. A quoted statement may span lines: while its quote is open, following lines belong to it even if
 * they happen to look like a new prefixed line.
 */
export const pgauditReader: FormatReader = {
  format: "pgaudit",
  async *read(input: AsyncIterable<Uint8Array>, options: ResolvedOptions): AsyncGenerator<ObservedResult> {
    const compiled = compilePrefix(options.logLinePrefix);
    if ("error" in compiled) {
      yield { line: 1, error: compiled.error, fatal: true };
      return;
    }
    let entry: Entry | null = null;
    for await (const item of splitLines(input, options.maxLineBytes)) {
      if ("error" in item) {
        if (entry) yield* finish(entry, options);
        entry = null;
        yield item;
        continue;
      }
      // An entry already over the limit stops claiming lines, so a never-closed quote cannot swallow the file.
      const continuing = entry !== null && entry.audit && !entry.oversized && entry.quotes % 2 === 1;
      const match = continuing ? null : matchPrefix(compiled.prefix, item.text);
      if (match) {
        if (entry) yield* finish(entry, options);
        entry = startEntry(item.line, match.fields, match.message);
      } else if (entry && (continuing || item.text.startsWith("\t"))) {
        // PostgreSQL indents each continuation line of a message with one tab.
        appendLine(entry, item.text.startsWith("\t") ? item.text.slice(1) : item.text, options.maxLineBytes);
      } else if (item.text.trim() !== "") {
        // Keep input order: the entry before the stray line is complete.
        if (entry) yield* finish(entry, options);
        entry = null;
        yield { line: item.line, error: { line: item.line, reason: "line does not start with the configured log_line_prefix" } };
      }
    }
    if (entry) yield* finish(entry, options);
  },
};

function compilePrefix(prefix: string): { prefix: CompiledPrefix } | { error: RowError } {
  try {
    const compiled = compileLogLinePrefix(prefix);
    if (!compiled.hasTime) return { error: { line: 1, field: "log_line_prefix", reason: "has no %m, %t or %n, so events would have no time" } };
    return { prefix: compiled };
  } catch (error) {
    return { error: { line: 1, field: "log_line_prefix", reason: error instanceof Error ? error.message : "invalid" } };
  }
}

function startEntry(line: number, fields: PrefixFields, message: string): Entry {
  const audit = message.startsWith("AUDIT: ");
  // Non-audit messages are only tracked so their continuation lines are skipped with them.
  const parts = audit ? [message] : [];
  return { line, fields, audit, parts, size: message.length, quotes: audit ? countQuotes(message) : 0, oversized: false };
}

function appendLine(entry: Entry, text: string, limit: number): void {
  if (!entry.audit || entry.oversized) return;
  entry.quotes += countQuotes(text);
  entry.size += text.length + 1;
  if (entry.size > limit) {
    entry.oversized = true;
    entry.parts = [];
    return;
  }
  entry.parts.push(text);
}

function* finish(entry: Entry, options: ResolvedOptions): Generator<ObservedResult> {
  if (!entry.audit) return;
  const line = entry.line;
  const fail = (field: string | undefined, reason: string): ObservedResult => ({ line, error: field ? { line, field, reason } : { line, reason } });
  if (entry.oversized) return yield fail(undefined, `log entry is longer than the ${options.maxLineBytes}-byte limit`);
  const parsed = parseAuditMessage(entry.parts.join("\n"));
  if ("reason" in parsed) return yield fail(parsed.field, parsed.reason);
  const timeField = entry.fields.m !== undefined ? "%m" : entry.fields.t !== undefined ? "%t" : "%n";
  const timeText = entry.fields.m ?? entry.fields.t ?? entry.fields.n;
  if (timeText === undefined) return yield fail(`timestamp (${timeField})`, "line has no timestamp");
  const time = pgTimestampToIso(timeText, options.timeZoneAbbreviations);
  if ("reason" in time) return yield fail(`timestamp (${timeField})`, time.reason);
  const occurredAt = new Date(time.iso).toISOString();
  const future = checkNotFuture(occurredAt, options.now, options.maxFutureSkewMs);
  if (future) return yield fail(`timestamp (${timeField})`, future);
  yield { line, observed: toObserved(entry.fields, parsed.record, occurredAt) };
}

function toObserved(fields: PrefixFields, audit: AuditRecord, occurredAt: string): ObservedEvent {
  const statementLogged = audit.statement !== "" && audit.statement !== "<not logged>";
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
    resource: audit.objectName || fields.d || null,
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
