import type { EvidenceFinding, EvidenceModel } from "@/lib/evidence/model";
import {
  buildBackMatter,
  buildMetadata,
  evidenceRefs,
  isPopulationFileOf,
  leashComponent,
  leashProps,
  oscalInstant,
  packageUuid,
  pruneEmpty,
  scopeLabel,
  toolOrigin,
  type Json,
} from "./common";
import { buildRisk, exceptionFor, exceptionRemarks, findingProps, findingTitle, riskUuid, stableFindingUuid } from "./findings";

/**
 * oscal/poam.json: one POA&M item per open, in-progress or risk-accepted finding (accepted risks stay on the plan as
 * deviations until their exception expires), each with the observation that found it and the risk with Leash's
 * remediation. OSCAL requires at least one item, so a package with nothing to plan says so in a single item.
 */

export type OscalPoam = { "plan-of-action-and-milestones": Json };

const PLANNED: ReadonlySet<EvidenceFinding["status"]> = new Set(["open", "in_progress", "risk_accepted"]);

function findingObservationUuid(model: EvidenceModel, finding: EvidenceFinding): string {
  return packageUuid(model, `observation|finding|${stableFindingUuid(finding)}`);
}

function observation(model: EvidenceModel, f: EvidenceFinding): Json {
  return {
    uuid: findingObservationUuid(model, f),
    title: findingTitle(f),
    description: f.reason,
    props: leashProps({ "rule-id": f.ruleId, severity: f.severity, "control-ids": f.controlIds.join(" ") }),
    methods: ["TEST"],
    types: ["finding"],
    origins: [toolOrigin(model)],
    "relevant-evidence": evidenceRefs(
      model,
      (file) =>
        file.path.startsWith("findings/") ||
        (f.status === "risk_accepted" && file.path.startsWith("exceptions/")) ||
        f.controlIds.some((id) => isPopulationFileOf(file, id)),
    ),
    collected: oscalInstant(model.generatedAt),
  };
}

function poamItem(model: EvidenceModel, f: EvidenceFinding): Json {
  const exception = exceptionFor(model, f);
  const remediation = f.remediation.trim() ? ` Remediation: ${f.remediation}` : "";
  return {
    uuid: stableFindingUuid(f),
    title: findingTitle(f),
    description: `${f.reason}${remediation}`,
    props: findingProps(f, exception),
    origins: [toolOrigin(model)],
    "related-observations": [{ "observation-uuid": findingObservationUuid(model, f) }],
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

/** The OSCAL 1.0.6 plan-of-action-and-milestones document for the package; deterministic given the model. */
export function buildPoam(model: EvidenceModel): OscalPoam {
  const planned = model.findings.filter((f) => PLANNED.has(f.status));
  return pruneEmpty({
    "plan-of-action-and-milestones": {
      uuid: packageUuid(model, "poam"),
      metadata: buildMetadata(model, `Leash plan of action and milestones: ${model.framework.name}`),
      // No SSP exists for a credential estate; the package id names the assessed scope, as RFC 4122 ids.
      "system-id": { "identifier-type": "https://ietf.org/rfc/rfc4122", id: model.packageUuid },
      "local-definitions": {
        components: [leashComponent(model)],
        remarks: `Findings come from Leash's rule evaluation of ${model.framework.name} ${scopeLabel(model.scope)}.`,
      },
      observations: planned.map((f) => observation(model, f)),
      risks: planned.map((f) => buildRisk(model, f, [findingObservationUuid(model, f)])),
      "poam-items": planned.length > 0 ? planned.map((f) => poamItem(model, f)) : [nothingToPlan(model)],
      "back-matter": buildBackMatter(model),
    },
  });
}
