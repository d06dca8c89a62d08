import type { ObservedEvent } from "../../domain/activity-event";
import { NO_STATEMENT, type AuditRecord } from "./pgaudit-message";
import type { ObservedResult } from "./types";

/** An audit entry read into an event. */
export type AuditEntry = Extract<ObservedResult, { observed: unknown }>;

/** The audit fields a pgaudit event keeps in its raw record (all but the parameters). */
type AuditFacts = Omit<AuditRecord, "parameter">;

/**
 * With session auditing (pgaudit.log) and object auditing (pgaudit.role) both on, pgaudit writes a statement's use of
 * an audited relation twice: a SESSION entry and an OBJECT entry with the same statement and substatement ids,
 * class and command (the OBJECT entry first under pgaudit.log_relation, after the statement's one SESSION entry
 * otherwise). They are one use, so one event: the SESSION entry's, keeping the ingest key it had on its own (a log
 * sent again stores nothing new), with the relation and the statement text it lacked taken from the OBJECT entry
 * (without pgaudit.log_relation the SESSION entry names no relation; pgaudit.log_statement_once logs the text once).
 * A statement touching several relations has entries for each, so the two name the same relation, unless the
 * SESSION entry names none. `held` and `next` are entries of one backend's statement, in log order. Returns the one
 * entry (at the SESSION entry's line) when they are such a pair, otherwise null.
 */
export function pairedAuditEntry(held: AuditEntry, next: AuditEntry): AuditEntry | null {
  const [sessionEntry, objectEntry] = auditOf(held.observed).auditType === "SESSION" ? [held, next] : [next, held];
  const session = sessionEntry.observed;
  const object = objectEntry.observed;
  const s = auditOf(session);
  const o = auditOf(object);
  if (s.auditType !== "SESSION" || o.auditType !== "OBJECT") return null;
  if (s.substatementId !== o.substatementId || s.auditClass !== o.auditClass || s.command !== o.command) return null;
  if (s.objectName !== "" && s.objectName !== o.objectName) return null;
  if (!NO_STATEMENT.has(s.statement) && !NO_STATEMENT.has(o.statement) && s.statement !== o.statement) return null;
  const paired: ObservedEvent = {
    ...session,
    resource: s.objectName === "" ? object.resource : session.resource,
    raw: { ...(session.raw as object), objectAudit: o },
  };
  const statement = session.statement ?? object.statement;
  if (statement !== undefined) paired.statement = statement;
  return { line: sessionEntry.line, observed: paired };
}

function auditOf(event: ObservedEvent): AuditFacts {
  return (event.raw as { audit: AuditFacts }).audit;
}
