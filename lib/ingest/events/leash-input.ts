import type { EventFormat, ObservedEvent } from "../../domain/activity-event";
import { leashEventInputSchema, type LeashEventInput } from "../../domain/activity-event-input";
import type { ObservedResult, ResolvedOptions } from "./types";
import { redactSqlSecrets } from "./pgaudit-message";
import { checkedTimestamp, zodRowError } from "./row-checks";

/**
 * Validates one wire-format event (from an NDJSON line or a CSV row) into an observed event. `raw` is what the source
 * sent (the JSON value, or the CSV row's cells) and `rawJson` its own text, kept unless a password in the statement
 * had to be redacted from it.
 */
export function observeLeashInput(
  line: number,
  value: unknown,
  format: EventFormat,
  options: ResolvedOptions,
  raw: Record<string, unknown> | undefined = undefined,
  rawJson: string | undefined = undefined,
): ObservedResult {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { line, error: { line, reason: "an event must be a JSON object" } };
  }
  const parsed = leashEventInputSchema.safeParse(value);
  if (!parsed.success) return { line, error: zodRowError(line, parsed.error, { schema: leashEventInputSchema, input: value }) };
  const time = checkedTimestamp(line, "occurred_at", parsed.data.occurred_at, options.now, options.maxFutureSkewMs);
  if ("error" in time) return { line, error: time.error };
  const sent = raw ?? (value as Record<string, unknown>);
  const statement = parsed.data.statement === undefined ? undefined : redactSqlSecrets(parsed.data.statement);
  if (statement === parsed.data.statement) {
    const observed = toObserved(parsed.data, time.iso, format, sent);
    if (rawJson !== undefined) observed.rawJson = rawJson;
    return { line, observed };
  }
  // The source's text held the password: it is stored as the redacted value instead.
  return { line, observed: toObserved({ ...parsed.data, statement }, time.iso, format, { ...sent, statement }) };
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
