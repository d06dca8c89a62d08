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
import { buildRisk, exceptionFor, exceptionRemarks, findingProps, findingTitle, riskUuid, stableFindingUuid } from "./findings";

/**
 * oscal/poam.json: one POA&M item per open, in-progress or risk-accepted finding (accepted risks stay on the plan as
 * deviations until their exception expires), each with the risk it stands for (status, deadline, Leash's remediation)
 * and the observation of its rule: one per rule, saying how many subjects failed it and citing the files that list
 * them, so a plan of a million items does not repeat the same observation a million times. OSCAL requires at least one
 * item, so a package with nothing to plan says so in a single item.
 */

const PLANNED: ReadonlySet<EvidenceFinding["status"]> = new Set(["open", "in_progress", "risk_accepted"]);

/** What the findings of one rule have in common, gathered as they stream past. */
type RuleTally = { ruleId: string; ruleTitle: string; severity: string; controlIds: string[]; observation: string; items: number; accepted: number };

const ruleObservationUuid = (ctx: Pick<FindingContext, "packageUuid">, ruleId: string) => packageUuid(ctx, `observation|rule|${ruleId}`);

function ruleObservation(model: EvidenceModel, ctx: FindingContext, rule: RuleTally): Json {
  return {
    uuid: rule.observation,
    title: `${rule.ruleId} ${rule.ruleTitle}`,
    description:
      `${rule.items} ${rule.items === 1 ? "subject fails" : "subjects fail"} ${rule.ruleId} (${rule.ruleTitle}) ${scopeLabel(model.scope)}` +
      `${rule.accepted ? `, ${rule.accepted} of them under an exception` : ""}; findings/findings.csv lists each with its reason.`,
    props: leashProps({ "rule-id": rule.ruleId, severity: rule.severity, "control-ids": rule.controlIds.join(" "), subjects: rule.items }),
    methods: ["TEST"],
    types: ["finding"],
    origins: [ctx.origin],
    "relevant-evidence": nonEmpty(
      evidenceRefs(
        ctx.files,
        (file) =>
          file.path.startsWith("findings/") ||
          (rule.accepted > 0 && file.path.startsWith("exceptions/")) ||
          rule.controlIds.some((id) => isPopulationFileOf(file, id)),
      ),
    ),
    collected: oscalInstant(ctx.generatedAt),
  };
}

function poamItem(ctx: FindingContext, f: EvidenceFinding, observation: string): Json {
  const exception = exceptionFor(ctx, f);
  const remediation = f.remediation.trim() ? ` Remediation: ${f.remediation}` : "";
  return {
    uuid: stableFindingUuid(f),
    title: findingTitle(f),
    description: `${f.reason}${remediation}`,
    props: findingProps(f, exception),
    "related-observations": [{ "observation-uuid": observation }],
    "related-risks": [{ "risk-uuid": riskUuid(f) }],
    remarks: f.status === "risk_accepted" ? exceptionRemarks(exception) ?? "Risk accepted; no exception record was included." : undefined,
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
 * oscal/poam.json, written as the findings stream past (`add`) and finished with the model once every data file is
 * hashed. Deterministic given the model and the findings.
 */
export function poamWriter(ctx: FindingContext, spool: Spool): OscalDocumentWriter {
  const risks = spool.part();
  const items = spool.part();
  const rules = new Map<string, RuleTally>();
  return {
    add(f) {
      if (!PLANNED.has(f.status)) return;
      let rule = rules.get(f.ruleId);
      if (!rule) {
        const observation = ruleObservationUuid(ctx, f.ruleId);
        rules.set(f.ruleId, (rule = { ruleId: f.ruleId, ruleTitle: f.ruleTitle, severity: f.severity, controlIds: f.controlIds, observation, items: 0, accepted: 0 }));
      }
      rule.items++;
      if (f.status === "risk_accepted") rule.accepted++;
      risks.item(JSON.stringify(buildRisk(ctx, f, [rule.observation])));
      items.item(JSON.stringify(poamItem(ctx, f, rule.observation)));
    },
    finish(model) {
      const observations = [...rules.values()].sort((a, b) => a.ruleId.localeCompare(b.ruleId)).map((r) => ruleObservation(model, ctx, r));
      const skeleton = pruneEmpty({
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
          risks: risks.items ? risks.placeholder : undefined,
          "poam-items": items.items ? items.placeholder : [nothingToPlan(model)],
          "back-matter": buildBackMatter(model),
        },
      });
      return spool.document("oscal/poam.json", skeleton, [risks, items]);
    },
  };
}
