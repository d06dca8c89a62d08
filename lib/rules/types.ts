import type { z } from "zod";
import type { ActivityEvent } from "@/lib/domain/activity-event";
import type { CredentialFacts } from "@/lib/domain/activity-event-flags";
import type { HeldApproval } from "@/lib/domain/approval";
import type { CredentialRecord } from "@/lib/domain/credential";

/** The inputs and outputs of rules (DESIGN §4). Subjects carry only what the rules read, so callers adapt rows. */

export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SUBJECT_KINDS = ["credential", "event", "corpus", "audit_log"] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export type RuleId = `R${number}${number}`;
export type RuleResult = "pass" | "fail" | "not_applicable";
/** `reason` names the values that decided the result, so a finding says why without re-running the rule. */
export type Evaluation = { result: RuleResult; reason: string };

/**
 * The controls a rule lists (DESIGN §4's columns: SOC 2, PCI DSS and the "Also" crosswalks), by framework key. Any
 * other framework maps rules in its own file alone, so a new framework never edits a rule; the registry test holds the
 * frameworks listed here to agree with their files exactly.
 */
export type ControlMapping = { soc2: string[]; pci: string[]; nist?: string[]; iso?: string[] };
/** A framework file's short key ("pci"): one of ControlMapping's, or any other for a framework only its file maps. */
export type FrameworkKey = string;

/** The credential as imported: absent key = not stated (see `CredentialRecord`). Provenance does not change a verdict. */
export type CredentialSubject = Omit<CredentialRecord, "provenance" | "mapped_by">;

/** What a credential's rules need beyond the record itself. */
export type CredentialContext = {
  /** Unresolved secret findings matched to this credential. */
  exposures: {
    unresolved: number;
    /** Of those, how many sit in corpora agents can read. */
    inAgentReadableCorpora: number;
    /** Earliest first_seen among the unresolved findings; null when there are none. */
    firstDetectedAt: string | null;
  };
  /** Events attributed to an agent that used this credential (R11: agents must not borrow a human's key). */
  agentEventCount: number;
};

export type EventSubject = Pick<
  ActivityEvent,
  | "occurredAt" | "credential" | "actorType" | "operation" | "rawOperation" | "destructive" | "resource"
  | "resourceEnvironment" | "outcome"
>;
export type EventContext = {
  /** The credential as it was at the event's instant (from history); null when not matched yet. */
  credential: CredentialFacts | null;
  /** Approvals that might cover the event. */
  approvals: readonly HeldApproval[];
};

export type CorpusSubject = {
  id: string;
  agentReadable: boolean;
  /** Finished scan time; null = never scanned. */
  lastScannedAt: string | null;
  /** Unresolved secret findings in the corpus, matched to a credential or not. */
  unresolvedFindings: number;
};

/** The verdict of walking Leash's own hash-chained audit log. */
export type AuditLogSubject = {
  entries: number;
  verdict: { ok: true } | { ok: false; firstBrokenEntry: number; reason: string };
};

export type SubjectOf = { credential: CredentialSubject; event: EventSubject; corpus: CorpusSubject; audit_log: AuditLogSubject };
/** Corpora and the audit log carry everything their rules need in the subject itself. */
type NoContext = Record<never, never>;
export type ContextOf = { credential: CredentialContext; event: EventContext; corpus: NoContext; audit_log: NoContext };

/** `now` is passed in, never read from the clock, so the same inputs always give the same results. */
export type RuleContext<K extends SubjectKind, P> = ContextOf[K] & { now: Date; params: P };

export type Rule<K extends SubjectKind, P> = {
  id: RuleId;
  title: string;
  severity: Severity;
  subject: K;
  /** Admin-tunable; `schema.parse({})` gives the defaults. */
  parameters: { schema: z.ZodType<P>; defaults: P };
  controls: ControlMapping;
  remediation: string;
  /**
   * A credential arrives as it stood at `ctx.now` (helpers' `asOf`: times after it had not happened yet), which
   * evaluateSubject and evaluateRule see to; call the rule through them.
   */
  // Method syntax keeps rules with different parameter types assignable to `AnyRule`.
  evaluate(subject: SubjectOf[K], ctx: RuleContext<K, P>): Evaluation;
};

export type AnyRule = { [K in SubjectKind]: Rule<K, unknown> }[SubjectKind];
