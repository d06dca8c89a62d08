import type { EvidenceException, EvidenceFinding } from "@/lib/evidence/model";
import { leashProps, nonEmpty, oscalInstant, type FindingContext, type Json } from "./common";
import { findingUuid, leashUuid, OSCAL_UUID } from "./uuid";

/** How one EvidenceFinding reads in OSCAL, shared by the assessment results (finding + risk) and the POA&M. */

// Both documents cite a finding's ids several times; they are derived once per finding.
const idsOf = new WeakMap<EvidenceFinding, { finding: string; risk: string }>();

function ids(f: EvidenceFinding): { finding: string; risk: string } {
  let known = idsOf.get(f);
  if (!known) {
    const finding = OSCAL_UUID.test(f.uuid) ? f.uuid.toLowerCase() : findingUuid(f.ruleId, f.subjectKind, f.subjectId);
    idsOf.set(f, (known = { finding, risk: leashUuid(`risk|${finding}`) }));
  }
  return known;
}

/** The finding's own id when OSCAL accepts it (v4/v5), else the v5 id Leash derives from (rule, subject). */
export function stableFindingUuid(finding: EvidenceFinding): string {
  return ids(finding).finding;
}

export function riskUuid(finding: EvidenceFinding): string {
  return ids(finding).risk;
}

/** The exception behind a finding: an approved one if any, else the latest listed. */
export function exceptionFor(ctx: FindingContext, finding: EvidenceFinding): EvidenceException | null {
  const own = ctx.exceptionsOf(finding.uuid);
  return own.find((e) => e.status === "approved") ?? own.at(-1) ?? null;
}

export function findingTitle(finding: EvidenceFinding): string {
  return `${finding.ruleId} ${finding.ruleTitle}: ${finding.subjectLabel}`;
}

// Both documents state a finding's props; they are worked out once per finding.
const propsOf = new WeakMap<EvidenceFinding, Json[]>();

export function findingProps(finding: EvidenceFinding, exception: EvidenceException | null): Json[] {
  let props = propsOf.get(finding);
  if (!props) propsOf.set(finding, (props = propsFor(finding, exception)));
  return props;
}

function propsFor(finding: EvidenceFinding, exception: EvidenceException | null): Json[] {
  return leashProps({
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

function riskStatus(finding: EvidenceFinding, exception: EvidenceException | null): string {
  switch (finding.status) {
    case "open":
      return exception?.status === "pending" ? "deviation-requested" : "open";
    case "in_progress":
      return "remediating";
    case "risk_accepted":
      return exception?.status === "pending" ? "deviation-requested" : "deviation-approved";
    case "resolved":
      return "closed";
  }
}

/**
 * The risk a failing finding stands for, with Leash's remediation and the deadline that applies to it. Like findings
 * and plan items, it names no origin of its own: the observations it relates to carry the tool that observed.
 */
export function buildRisk(ctx: FindingContext, finding: EvidenceFinding, observationUuids: string[]): Json {
  const exception = exceptionFor(ctx, finding);
  const accepted = finding.status === "risk_accepted" && exception !== null;
  const id = stableFindingUuid(finding);
  return {
    uuid: riskUuid(finding),
    title: findingTitle(finding),
    description: finding.reason,
    statement:
      `${finding.severity[0]!.toUpperCase()}${finding.severity.slice(1)}-severity failure of ${finding.ruleId} (${finding.ruleTitle}) ` +
      `on ${finding.subjectKind.replace("_", " ")} ${finding.subjectLabel}, affecting ${finding.controlIds.join(", ") || "no mapped control"}.`,
    props: leashProps({ "rule-id": finding.ruleId, severity: finding.severity, "finding-uuid": id }),
    status: riskStatus(finding, exception),
    // An accepted risk is due for review when its exception expires, not at the remediation SLA.
    deadline: accepted ? oscalInstant(exception.expiresAt) : oscalInstant(finding.dueAt),
    remediations: finding.remediation.trim()
      ? [
          {
            uuid: leashUuid(`remediation|${id}`),
            lifecycle: finding.status === "in_progress" ? "planned" : "recommendation",
            title: `Remediate ${finding.ruleId}`,
            description: finding.remediation,
          },
        ]
      : undefined,
    "related-observations": nonEmpty(observationUuids.map((uuid) => ({ "observation-uuid": uuid }))),
  };
}
