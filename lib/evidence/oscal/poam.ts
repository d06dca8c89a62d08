import type { EvidenceFinding, EvidenceModel } from "@/lib/evidence/model";
import type { Spool } from "@/lib/evidence/package/spool";
import {
  buildBackMatter,
  buildMetadata,
  evidenceRefs,
  isPopulationFileOf,
  leashComponent,
  leashProps,
  nonEmpty,
  oscalInstant,
  packageUuid,
  pruneEmpty,
  scopeLabel,
  type FindingContext,
  type Json,
  type OscalDocumentWriter,
} from "./common";
import { exceptionFor } from "./findings";
import { leashUuid } from "./uuid";

/**
 * oscal/poam.json: the plan for what fails, one item per weakness and owner — the open and in-progress findings of one
 * rule in one team — the way a POA&M lists one weakness once with the assets it affects. Findings accepted under
 * exceptions stay on the plan as deviations, in an item of their own per rule and team, until the exceptions expire.
 * Each item has its risk (status, the earliest deadline among its findings, Leash's remediation) and relates to its
 * rule's observation, which cites the files that list every subject. The findings themselves, each with its stable id,
 * reason and due date, are in assessment-results.json and findings/findings.csv: a plan of a million one-subject items
 * would be read by no one. OSCAL requires at least one item, so a package with nothing to plan says so in one item.
 */

const PLANNED: ReadonlySet<EvidenceFinding["status"]> = new Set(["open", "in_progress", "risk_accepted"]);

/** What the findings of one rule have in common. */
type RuleFacts = { ruleId: string; ruleTitle: string; severity: string; controlIds: string[]; observation: string };

/** One plan item: a rule's open (or accepted) findings in one team, tallied as they stream past. */
type Weakness = {
  rule: RuleFacts;
  accepted: boolean;
  subjectKind: string;
  teamId: string | null;
  team: string | null;
  remediation: string;
  /** The first finding seen, quoted as an example. */
  example: { label: string; reason: string };
  findings: number;
  inProgress: number;
  /** Findings whose exception awaits a decision (open ones), or accepted ones whose exception is not approved. */
  undecided: number;
  firstDetected: string;
  /** The earliest due date, or for accepted findings the earliest expiry of their exceptions. */
  deadline: string;
};

const ruleObservationUuid = (ctx: Pick<FindingContext, "packageUuid">, ruleId: string) => packageUuid(ctx, `observation|rule|${ruleId}`);

/** A rule's observation, from its weaknesses: how many subjects fail it and how many of those are accepted. */
function ruleObservation(model: EvidenceModel, ctx: FindingContext, rule: RuleFacts, weaknesses: readonly Weakness[]): Json {
  const items = weaknesses.reduce((n, w) => n + w.findings, 0);
  const accepted = weaknesses.reduce((n, w) => n + (w.accepted ? w.findings : 0), 0);
  return {
    uuid: rule.observation,
    title: `${rule.ruleId} ${rule.ruleTitle}`,
    description:
      `${items} ${items === 1 ? "subject fails" : "subjects fail"} ${rule.ruleId} (${rule.ruleTitle}) ${scopeLabel(model.scope)}` +
      `${accepted ? `, ${accepted} of them under an exception` : ""}; findings/findings.csv lists each with its reason.`,
    props: leashProps({ "rule-id": rule.ruleId, severity: rule.severity, "control-ids": rule.controlIds.join(" "), subjects: items }),
    methods: ["TEST"],
    types: ["finding"],
    origins: [ctx.origin],
    "relevant-evidence": nonEmpty(
      evidenceRefs(
        ctx.files,
        (file) =>
          file.path.startsWith("findings/") ||
          (accepted > 0 && file.path.startsWith("exceptions/")) ||
          rule.controlIds.some((id) => isPopulationFileOf(file, id)),
      ),
    ),
    collected: oscalInstant(ctx.generatedAt),
  };
}

/** Stable across exports: the same rule, team and standing keep their item and risk ids. */
function weaknessKey(f: EvidenceFinding): string {
  return `${f.ruleId}|${f.teamId ?? "no-team"}|${f.status === "risk_accepted" ? "accepted" : "open"}`;
}

function subjects(kind: string, count: number): string {
  const noun = kind.replace("_", " ");
  return `${count.toLocaleString("en")} ${count === 1 ? noun : noun === "corpus" ? "corpora" : `${noun}s`}`;
}

const ownerLabel = (w: Weakness) => (w.team ? `team ${w.team}` : "no team");

/** "R08 Agent credentials …: 1,234 credentials of team Platform", as the item and its risk are titled. */
const weaknessTitle = (w: Weakness) => `${w.rule.ruleId} ${w.rule.ruleTitle}: ${subjects(w.subjectKind, w.findings)} of ${ownerLabel(w)}`;

function riskStatus(w: Weakness): string {
  if (w.accepted) return w.undecided ? "deviation-requested" : "deviation-approved";
  if (w.inProgress === w.findings) return "remediating";
  return w.undecided === w.findings ? "deviation-requested" : "open";
}

/** A weakness's ids, derived from its key so they stay the same across exports. */
type WeaknessIds = { key: string; risk: string };

function risk(w: Weakness, ids: WeaknessIds): Json {
  const { rule } = w;
  return {
    uuid: ids.risk,
    title: weaknessTitle(w),
    description: `For example ${w.example.label}: ${w.example.reason}`,
    statement:
      `${rule.severity[0]!.toUpperCase()}${rule.severity.slice(1)}-severity failure of ${rule.ruleId} (${rule.ruleTitle}) on ` +
      `${subjects(w.subjectKind, w.findings)} of ${ownerLabel(w)}, affecting ${rule.controlIds.join(", ") || "no mapped control"}.`,
    props: leashProps({ "rule-id": rule.ruleId, severity: rule.severity, findings: w.findings }),
    status: riskStatus(w),
    // An accepted risk is due for review when its first exception expires, not at the remediation SLA.
    deadline: w.deadline,
    remediations: w.remediation.trim()
      ? [
          {
            uuid: leashUuid(`remediation|${ids.key}`),
            lifecycle: w.inProgress ? "planned" : "recommendation",
            title: `Remediate ${rule.ruleId}`,
            description: w.remediation,
          },
        ]
      : undefined,
    "related-observations": [{ "observation-uuid": rule.observation }],
  };
}

function poamItem(w: Weakness, ids: WeaknessIds): Json {
  const { rule } = w;
  const standing = w.accepted ? "are accepted under exceptions" : `fail${w.inProgress ? ` (${w.inProgress.toLocaleString("en")} being fixed)` : ""}`;
  return {
    uuid: leashUuid(`poam-item|${ids.key}`),
    title: `${weaknessTitle(w)}${w.accepted ? " (accepted)" : ""}`,
    description:
      `${subjects(w.subjectKind, w.findings)} of ${ownerLabel(w)} ${standing} ${rule.ruleId} (${rule.ruleTitle}); ` +
      `findings/findings.csv lists each with its reason and due date.${w.remediation.trim() ? ` Remediation: ${w.remediation}` : ""}`,
    props: leashProps({
      "rule-id": rule.ruleId,
      severity: rule.severity,
      "control-ids": rule.controlIds.join(" "),
      team: w.team,
      "team-id": w.teamId,
      "subject-kind": w.subjectKind,
      findings: w.findings,
      "in-progress": w.inProgress || null,
      "first-detected": w.firstDetected,
      [w.accepted ? "first-exception-expires" : "earliest-due-date"]: w.deadline,
    }),
    "related-observations": [{ "observation-uuid": rule.observation }],
    "related-risks": [{ "risk-uuid": ids.risk }],
    remarks: w.accepted ? "The exceptions, with who requested and decided them and their justifications, are in exceptions/exceptions.csv." : undefined,
  };
}

function nothingToPlan(model: EvidenceModel): Json {
  return {
    uuid: packageUuid(model, "poam-item|none"),
    title: "No open findings",
    description: `Leash found no open, in-progress or risk-accepted finding for ${model.framework.name} ${scopeLabel(model.scope)}.`,
    props: leashProps({ placeholder: "true" }),
  };
}

/**
 * oscal/poam.json, tallied as the findings stream past (`add`) and written with the model once every data file is
 * hashed. Its size follows rules × teams, not findings. Deterministic given the model and the findings.
 */
export function poamWriter(ctx: FindingContext, spool: Spool): OscalDocumentWriter {
  const rules = new Map<string, RuleFacts>();
  const weaknesses = new Map<string, Weakness>();
  return {
    add(f) {
      if (!PLANNED.has(f.status)) return;
      let rule = rules.get(f.ruleId);
      if (!rule) {
        const observation = ruleObservationUuid(ctx, f.ruleId);
        rules.set(f.ruleId, (rule = { ruleId: f.ruleId, ruleTitle: f.ruleTitle, severity: f.severity, controlIds: f.controlIds, observation }));
      }
      const accepted = f.status === "risk_accepted";
      const exception = exceptionFor(ctx, f);
      const approvedUntil = accepted && exception?.status === "approved" ? oscalInstant(exception.expiresAt) : null;
      const deadline = approvedUntil ?? oscalInstant(f.dueAt);
      const firstDetected = oscalInstant(f.firstDetectedAt);
      const key = weaknessKey(f);
      let w = weaknesses.get(key);
      if (!w) {
        const example = { label: f.subjectLabel, reason: f.reason };
        w = { rule, accepted, subjectKind: f.subjectKind, teamId: f.teamId, team: f.team, remediation: f.remediation, example, findings: 0, inProgress: 0, undecided: 0, firstDetected, deadline };
        weaknesses.set(key, w);
      }
      w.findings++;
      if (f.status === "in_progress") w.inProgress++;
      if (accepted ? !approvedUntil : exception?.status === "pending") w.undecided++;
      if (firstDetected < w.firstDetected) w.firstDetected = firstDetected;
      if (deadline < w.deadline) w.deadline = deadline;
    },
    finish(model) {
      const planned = [...weaknesses].sort(([a], [b]) => a.localeCompare(b)).map(([key, w]) => ({ w, ids: { key, risk: leashUuid(`risk|${key}`) } }));
      const observations = [...rules.values()]
        .sort((a, b) => a.ruleId.localeCompare(b.ruleId))
        .map((r) => ruleObservation(model, ctx, r, planned.filter(({ w }) => w.rule === r).map(({ w }) => w)));
      const document = pruneEmpty({
        "plan-of-action-and-milestones": {
          uuid: packageUuid(model, "poam"),
          metadata: buildMetadata(model, `Leash plan of action and milestones: ${model.framework.name}`),
          // No SSP exists for a credential estate; the package id names the assessed scope, as RFC 4122 ids.
          "system-id": { "identifier-type": "https://ietf.org/rfc/rfc4122", id: model.packageUuid },
          "local-definitions": {
            components: [leashComponent(model)],
            remarks: `Findings come from Leash's rule evaluation of ${model.framework.name} ${scopeLabel(model.scope)}.`,
          },
          observations,
          risks: nonEmpty(planned.map(({ w, ids }) => risk(w, ids))),
          "poam-items": planned.length ? planned.map(({ w, ids }) => poamItem(w, ids)) : [nothingToPlan(model)],
          "back-matter": buildBackMatter(model),
        },
      });
      return spool.document("oscal/poam.json", document, []);
    },
  };
}
