import type { EventFormat, ObservedEvent } from "../../domain/activity-event";
import { leashEventInputSchema, type LeashEventInput } from "../../domain/activity-event-input";
import type { ObservedResult, ResolvedOptions } from "./types";
import { redactSqlSecrets } from "./pgaudit-message";
import { type FieldProblem, rowProblem } from "../row-error";
import { checkedTimestamp, zodProblems } from "./row-checks";

/** How the source sent an event, beyond the value: see observeLeashInput. */
export type SentAs = {
  /** What the source sent (a CSV row's cells); the value itself when absent. */
  raw?: Record<string, unknown>;
  /** The line's own JSON text, kept unless a password in the statement had to be redacted from it. */
  rawJson?: string;
  /** What the source's reader already found wrong (cells it could not read), named as the source names them. */
  problems?: readonly FieldProblem[];
  /** The source's name of a wire-format field path (a CSV column), for the problems found here. */
  fieldName?: (path: string) => string;
};

/**
 * Validates one wire-format event (from an NDJSON line or a CSV row) into an observed event, or rejects the row
 * naming every bad field.
 */
export function observeLeashInput(line: number, value: unknown, format: EventFormat, options: ResolvedOptions, sent: SentAs = {}): ObservedResult {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { line, error: { line, reason: "an event must be a JSON object" } };
  }
  const parsed = leashEventInputSchema.safeParse(value);
  const found = parsed.success ? [] : zodProblems(parsed.error, { schema: leashEventInputSchema, input: value });
  // What zod cannot check (a timestamp in the future), unless it already refused the timestamp.
  const occurredAt = (value as Record<string, unknown>).occurred_at;
  const time = found.some((p) => p.field === "occurred_at") ? null : checkedTimestamp(line, "occurred_at", occurredAt, options.now, options.maxFutureSkewMs);
  if (time && "error" in time) found.push({ field: "occurred_at", reason: time.error.reason });
  if (!parsed.success || !time || "error" in time || sent.problems?.length) {
    const named = found.map((p) => (p.field && sent.fieldName ? { ...p, field: sent.fieldName(p.field) } : p));
    return { line, error: { line, ...rowProblem([...(sent.problems ?? []), ...named]) } };
  }
  const raw = sent.raw ?? (value as Record<string, unknown>);
  const statement = parsed.data.statement === undefined ? undefined : redactSqlSecrets(parsed.data.statement);
  if (statement === parsed.data.statement) {
    const observed = toObserved(parsed.data, time.iso, format, raw);
    if (sent.rawJson !== undefined) observed.rawJson = sent.rawJson;
    return { line, observed };
  }
  // The source's text held the password: it is stored as the redacted value instead.
  return { line, observed: toObserved({ ...parsed.data, statement }, time.iso, format, { ...raw, statement }) };
}

function toObserved(input: LeashEventInput, occurredAt: string, format: EventFormat, raw: unknown): ObservedEvent {
  const c = input.credential;
  return {
    format,
    ...defined({ sourceEventId: input.event_id, statement: input.statement, errorCode: input.error_code }),
    occurredAt,
    credential: c ? defined({ keyId: c.key_id, fingerprint: c.fingerprint, externalId: c.external_id }) : null,
    actor: input.actor ?? null,
    rawOperation: input.operation,
    operationKind: input.statement !== undefined ? "sql" : "api",
    resource: input.resource ?? null,
    scope: defined({
      awsAccountId: input.scope?.aws_account_id,
      host: input.scope?.host,
      database: input.scope?.database,
      projectId: input.scope?.project_id,
    }),
    outcome: input.outcome,
    origin: defined({ ip: input.origin?.ip, userAgent: input.origin?.user_agent, application: input.origin?.application }),
    tags: input.tags ?? {},
    session: defined({ kind: input.session?.kind, issuer: input.session?.issuer }),
    explicit: defined({
      actorType: input.actor_type,
      agentName: input.agent_name,
      onBehalfOf: input.on_behalf_of,
      environment: input.environment,
      operation: input.normalized_operation,
      destructive: input.destructive,
    }),
    approvalRef: input.approval_ref ?? null,
    raw,
  };
}

/** Drops undefined members so optional fields are absent, not `undefined` (canonical hashing, zod parity). */
export function defined<T extends Record<string, unknown>>(obj: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const k in obj) if (obj[k] !== undefined) out[k] = obj[k];
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}
