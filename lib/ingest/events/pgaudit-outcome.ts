import type { Outcome } from "../../domain/activity-event";
import { redactSqlSecrets } from "./pgaudit-message";
import { pairedAuditEntry, type AuditEntry } from "./pgaudit-pairs";
import type { ObservedResult } from "./types";

/**
 * pgaudit logs a statement when it starts, so the audit entry cannot say whether it worked. PostgreSQL logs a
 * failure as the backend's next message: `ERROR:  …` (then usually `STATEMENT:  <the statement>`; csvlog and jsonlog
 * carry that statement in the ERROR record itself). Each audited statement is therefore held until its backend
 * (session id, else pid) says how it ended:
 * - an ERROR (FATAL, PANIC) whose statement is the audited statement → failure, or denied for permission errors;
 *   an ERROR whose statement is another statement (a syntax error pgaudit never saw) → the audited one succeeded;
 *   an ERROR that names no statement (log_min_error_statement above ERROR) → failure;
 * - the backend's next audit entry (other than a substatement of the same statement), or a LOG that only follows a
 *   finished statement (duration, the next statement, disconnection) → success;
 * - NOTICE, WARNING and other LOG lines (a lock wait) come while the statement still runs: keep waiting.
 * Results leave in input order, so everything after a held result waits behind it; at most `maxHeld` results wait,
 * after which the oldest statement is taken as having succeeded (and at the end of the log, all of them).
 */
export class StatementOutcomes {
  private readonly queue: Slot[] = [];
  private head = 0;
  private readonly open = new Map<string, Statement>();

  constructor(private readonly maxHeld = 4096) {}

  /** The event of one audit entry of `backend`, with pgaudit's statement id and the (redacted) statement if logged. */
  *audit(backend: string, result: AuditEntry, statementId: number, statement: string | undefined): Generator<ObservedResult> {
    let owner = this.open.get(backend);
    // A substatement (a function's DELETE) shares its statement's id and its fate.
    if (!owner || owner.id !== statementId || owner.error !== undefined) {
      if (owner) this.settle(owner, owner.error ?? "success");
      owner = { backend, id: statementId, slots: [], texts: [], error: undefined };
      this.open.set(backend, owner);
    }
    if (statement !== undefined) owner.texts.push(normalize(statement));
    // The second entry of a use pgaudit logged for both its SESSION and OBJECT auditing joins the first, in its place.
    for (const held of owner.slots) {
      const paired = !held.paired && "observed" in held.result ? pairedAuditEntry(held.result, result) : null;
      if (paired) {
        held.result = paired;
        held.paired = true;
        return yield* this.drain();
      }
    }
    const slot: Slot = { result, settled: false, statement: owner, paired: false };
    owner.slots.push(slot);
    this.queue.push(slot);
    yield* this.drain();
  }

  /**
   * Any other log message of `backend`: `severity` as the entry names it (ERROR, STATEMENT, LOG, …). `statement` is
   * the statement an ERROR was about when the same record carries it (csvlog's query column, jsonlog's statement
   * key); stderr logs write it as a STATEMENT entry after the ERROR instead.
   */
  *message(backend: string, severity: string, text: string, statement?: string): Generator<ObservedResult> {
    const current = this.open.get(backend);
    if (!current) return;
    if (current.error === undefined) {
      if (severity === "ERROR" || severity === "FATAL" || severity === "PANIC") {
        const error = DENIED.test(text) ? "denied" : "failure";
        // Without the statement in the record, wait for a STATEMENT entry (or any other message: it named none).
        if (statement === undefined) current.error = error;
        else this.settle(current, this.isAudited(current, statement) ? error : "success");
      } else if (severity === "LOG" && FINISHED.test(text)) this.settle(current, "success");
    } else if (severity === "STATEMENT") {
      this.settle(current, this.isAudited(current, text) ? current.error : "success");
    } else if (!ERROR_DETAILS.has(severity)) {
      this.settle(current, current.error);
    }
    yield* this.drain();
  }

  /** A row error: kept in input order behind held events. */
  *other(result: ObservedResult): Generator<ObservedResult> {
    this.queue.push({ result, settled: true, statement: null, paired: false });
    yield* this.drain();
  }

  /** End of the log: statements no message followed succeeded, unless an ERROR already followed them. */
  *end(): Generator<ObservedResult> {
    for (const statement of [...this.open.values()]) this.settle(statement, statement.error ?? "success");
    yield* this.drain();
  }

  private isAudited(statement: Statement, text: string): boolean {
    // A statement pgaudit did not log (`<not logged>`) cannot be compared: the ERROR came next, so it is taken as its.
    if (statement.texts.length === 0) return true;
    const failed = normalize(redactSqlSecrets(text));
    return statement.texts.some((t) => t === failed || failed.includes(t) || t.includes(failed));
  }

  private settle(statement: Statement, outcome: Outcome): void {
    for (const slot of statement.slots) {
      if (outcome !== "success" && "observed" in slot.result) slot.result.observed.outcome = outcome;
      slot.settled = true;
    }
    if (this.open.get(statement.backend) === statement) this.open.delete(statement.backend);
  }

  private *drain(): Generator<ObservedResult> {
    while (this.head < this.queue.length) {
      const slot = this.queue[this.head] as Slot;
      if (!slot.settled) {
        if (this.queue.length - this.head <= this.maxHeld || !slot.statement) break;
        this.settle(slot.statement, slot.statement.error ?? "success");
      }
      yield slot.result;
      this.head++;
    }
    if (this.head > 1024 || this.head === this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }
}

type Statement = { backend: string; id: number; slots: Slot[]; texts: string[]; error: Outcome | undefined };
/** `paired`: the slot's event is already a SESSION and OBJECT entry made one. */
type Slot = { result: ObservedResult; settled: boolean; statement: Statement | null; paired: boolean };

/** Messages about the ERROR just logged, before its STATEMENT line. */
const ERROR_DETAILS = new Set(["DETAIL", "HINT", "CONTEXT", "QUERY", "LOCATION"]);
/** LOG messages written only once the previous statement has finished. */
const FINISHED = /^(?:duration: |statement: |execute |disconnection: )/;
const DENIED = /^(?:permission denied|must be (?:owner|superuser|a member)|role "[^"]*" does not have permission)/;

function normalize(sql: string): string {
  return sql.replace(/\s+/g, " ").trim().replace(/;$/, "").trimEnd();
}
