import type { EvidenceException, EvidenceFinding } from "@/lib/evidence/model";
import { leashProps, oscalInstant, type FindingContext, type Json } from "./common";
import { findingUuid, OSCAL_UUID } from "./uuid";

/** How one EvidenceFinding reads in OSCAL: its id, title, props and exception (the assessment results' findings). */

/** The finding's own id when OSCAL accepts it (v4/v5), else the v5 id Leash derives from (rule, subject). */
export function stableFindingUuid(finding: EvidenceFinding): string {
  return OSCAL_UUID.test(finding.uuid) ? finding.uuid.toLowerCase() : findingUuid(finding.ruleId, finding.subjectKind, finding.subjectId);
}

/** The exception behind a finding: an approved one if any, else the latest listed. */
export function exceptionFor(ctx: FindingContext, finding: EvidenceFinding): EvidenceException | null {
  const own = ctx.exceptionsOf(finding.uuid);
  return own.find((e) => e.status === "approved") ?? own.at(-1) ?? null;
}

export function findingTitle(finding: EvidenceFinding): string {
  return `${finding.ruleId} ${finding.ruleTitle}: ${finding.subjectLabel}`;
}

export function findingProps(finding: EvidenceFinding, exception: EvidenceException | null): Json[] {
  return leashProps({
    // The Leash finding (findings.csv's finding_uuid): an OSCAL finding per control it fails shares it.
    "finding-uuid": stableFindingUuid(finding),
    "rule-id": finding.ruleId,
    severity: finding.severity,
    "subject-kind": finding.subjectKind,
    "subject-id": finding.subjectId,
    "finding-status": finding.status,
    "control-ids": finding.controlIds.join(" "),
    "first-detected": oscalInstant(finding.firstDetectedAt),
    "due-date": oscalInstant(finding.dueAt),
    "exception-uuid": exception?.uuid,
    "exception-status": exception?.status,
    "exception-expires": exception ? oscalInstant(exception.expiresAt) : null,
  });
}

/** A sentence an auditor can read without opening exceptions.csv. */
export function exceptionRemarks(exception: EvidenceException | null): string | undefined {
  if (!exception) return undefined;
  const decided = exception.decidedBy
    ? ` ${exception.status === "approved" ? "Approved" : "Decided"} by ${exception.decidedBy}${exception.decidedAt ? ` on ${oscalInstant(exception.decidedAt)}` : ""}.`
    : "";
  return (
    `Risk accepted by exception ${exception.uuid} (${exception.status}), requested by ${exception.requestedBy}.${decided} ` +
    `Expires ${oscalInstant(exception.expiresAt)}. Justification: ${exception.justification}`
  );
}
