import type { ControlPostureDto } from "@/lib/domain/posture";
import type { EvidenceException, EvidenceFinding, EvidenceModel } from "@/lib/evidence/model";
import type { Spool, SpoolPart } from "@/lib/evidence/package/spool";
import {
  buildBackMatter,
  buildMetadata,
  controlIdToken,
  evidenceRefs,
  isPopulationFileOf,
  leashComponent,
  leashProps,
  methodologyResourceUuid,
  oscalInstant,
  oscalString,
  packageUuid,
  pruneEmpty,
  scopeEnd,
  scopeLabel,
  scopeStart,
  toolOrigin,
  type FindingContext,
  type Json,
  type OscalDocumentWriter,
} from "./common";
import { exceptionFor, exceptionRemarks, findingProps, findingTitle, stableFindingUuid } from "./findings";
import { JsonTemplate } from "./json-template";
import { leashUuid } from "./uuid";

/**
 * oscal/assessment-results.json: one result for the package's instant or period, the framework's controls as reviewed
 * controls, one observation per control (its population and status), one finding per failing or excepted Leash
 * finding and control it fails, and back-matter linking every package file by SHA-256. The risks those findings
 * stand for, with their status, deadline and remediation, are in the POA&M (oscal/poam.json), one per rule and team.
 */

const STATUS_WORDS: Record<ControlPostureDto["status"], string> = {
  effective: "effective",
  effective_with_exceptions: "effective with exceptions",
  not_effective: "not effective",
  not_tested: "not tested (nothing applicable was evaluated)",
};

function controlObservationUuid(model: Pick<EvidenceModel, "packageUuid">, controlId: string): string {
  return packageUuid(model, `observation|control|${controlId}`);
}

function formatScore(score: number | null): string | null {
  return score === null ? null : score.toFixed(4);
}

function controlObservation(model: EvidenceModel, control: ControlPostureDto): Json {
  const p = control.population;
  const evaluated = p.pass + p.fail + p.excepted + p.not_applicable;
  return {
    uuid: controlObservationUuid(model, control.id),
    title: `${control.id}: ${control.title}`,
    description:
      `${control.id} ${scopeLabel(model.scope)}: ${evaluated} verdicts from rules ${control.rules.join(", ") || "none"} — ` +
      `${p.pass} pass, ${p.fail} fail, ${p.excepted} excepted, ${p.not_applicable} not applicable. ` +
      `Status: ${STATUS_WORDS[control.status]}${control.score === null ? "" : `, score ${formatScore(control.score)}`}.`,
    props: leashProps({
      "control-id": control.id,
      "control-status": control.status,
      score: formatScore(control.score),
      pass: p.pass,
      fail: p.fail,
      excepted: p.excepted,
      "not-applicable": p.not_applicable,
      rules: control.rules.join(" "),
    }),
    methods: ["TEST"],
    types: ["control-objective"],
    origins: [toolOrigin(model)],
    "relevant-evidence": evidenceRefs(
      model.files,
      (f) => isPopulationFileOf(f, control.id) || f.path.startsWith("summary/") || (p.fail + p.excepted > 0 && /^(findings|exceptions)\//.test(f.path)),
    ),
    collected: oscalInstant(model.generatedAt),
  };
}

function isReported(finding: EvidenceFinding): boolean {
  return finding.status !== "resolved";
}

/**
 * An OSCAL finding has one target, and a Leash finding fails every control its rule maps to: one OSCAL finding per
 * control, so no failing control reads as satisfied. The first keeps the Leash finding's own id (findings.csv's
 * finding_uuid); the others derive theirs from it and the control, stable across exports all the same.
 */
function controlFindingUuid(own: string, controlIndex: number, controlId: string): string {
  return controlIndex === 0 ? own : leashUuid(`${own}|${controlId}`);
}

function finding(f: EvidenceFinding, exception: EvidenceException | null, uuid: string, controlId: string, observationUuid: string | undefined): Json {
  const excepted = f.status === "risk_accepted";
  return {
    uuid,
    title: findingTitle(f),
    description: f.reason,
    props: findingProps(f, exception),
    target: {
      type: "objective-id",
      "target-id": controlIdToken(controlId),
      title: controlId,
      status: { state: "not-satisfied", reason: excepted ? "other" : "fail", remarks: excepted ? "Failing, covered by an exception." : undefined },
    },
    "related-observations": observationUuid ? [{ "observation-uuid": observationUuid }] : undefined,
    remarks: excepted ? exceptionRemarks(exception) : undefined,
  };
}

function result(model: EvidenceModel, findings: SpoolPart): Json {
  return {
    uuid: packageUuid(model, "result"),
    title: `${model.framework.name} ${scopeLabel(model.scope)}`,
    description:
      `Leash's evaluation of ${model.framework.name} ${scopeLabel(model.scope)}: ${model.controls.length} controls, ` +
      `${findings.items} failing or excepted findings. ` +
      (model.score === null ? "No applicable subject was evaluated." : `Framework score ${formatScore(model.score)}.`),
    start: scopeStart(model.scope),
    end: scopeEnd(model.scope),
    props: leashProps({ framework: model.framework.id, score: formatScore(model.score), "rules-version": model.rulesVersion, "parameters-version": model.parametersVersion }),
    "local-definitions": { components: [leashComponent(model)] },
    "reviewed-controls": {
      description: `The controls of ${model.framework.name} that Leash maps its rules to.`,
      "control-selections": [
        {
          description: model.controls.map((c) => `${c.id} = ${controlIdToken(c.id)}`).join("; ") || "No controls were in scope.",
          "include-controls": model.controls.map((c) => ({ "control-id": controlIdToken(c.id) })),
        },
      ],
    },
    observations: model.controls.map((c) => controlObservation(model, c)),
    findings: findings.items ? findings.placeholder : undefined,
  };
}

/**
 * The members in which findings of one rule, status and set of controls differ, in the order of `values` in `add`:
 * id, title, description and the subject id and dates among the props.
 */
const FINDING_SLOTS: ((finding: Json, marker: string) => void)[] = [
  (f, marker) => (f.uuid = marker),
  (f, marker) => (f.title = marker),
  (f, marker) => (f.description = marker),
  ...["subject-id", "first-detected", "due-date", "finding-uuid"].map((name) => (f: Json, marker: string) => ((f.props as Json[]).find((p) => p.name === name)!.value = marker)),
];

/**
 * oscal/assessment-results.json, written as the findings stream past (`add`, in the order they come) and finished
 * with the model once every data file is hashed. Deterministic given the model and the findings.
 */
export function assessmentResultsWriter(ctx: FindingContext, spool: Spool): OscalDocumentWriter {
  const findings = spool.part();
  const observationOf = new Map([...ctx.controlIds].map((id) => [id, controlObservationUuid(ctx, id)]));
  const templates = new Map<string, JsonTemplate>();
  return {
    add(f) {
      if (!isReported(f)) return;
      const exception = exceptionFor(ctx, f);
      const own = stableFindingUuid(f);
      const common = [findingTitle(f), f.reason, oscalString(f.subjectId), oscalInstant(f.firstDetectedAt), oscalInstant(f.dueAt), own];
      (f.controlIds.length ? f.controlIds : [f.ruleId]).forEach((controlId, i) => {
        const uuid = controlFindingUuid(own, i, controlId);
        const render = () => finding(f, exception, uuid, controlId, observationOf.get(controlId));
        const values = [uuid, ...common];
        // A finding under an exception has members of its own (remarks, exception props): written whole.
        if (exception || f.status === "risk_accepted" || values.some((v) => !v)) return findings.item(JSON.stringify(render()));
        const shape = `${f.ruleId}|${f.subjectKind}|${f.status}|${controlId}`;
        let template = templates.get(shape);
        if (!template) templates.set(shape, (template = new JsonTemplate(render(), FINDING_SLOTS)));
        findings.item(template.render(values as string[]));
      });
    },
    finish(model) {
      const methodology = methodologyResourceUuid(model);
      const skeleton = pruneEmpty({
        "assessment-results": {
          uuid: packageUuid(model, "assessment-results"),
          metadata: buildMetadata(model, `Leash evidence: ${model.framework.name}`),
          "import-ap": {
            href: `#${methodology}`,
            remarks: "Leash has no separate OSCAL assessment plan; the referenced back-matter resource describes its rules and parameters.",
          },
          results: [result(model, findings)],
          "back-matter": buildBackMatter(model),
        },
      });
      return spool.document("oscal/assessment-results.json", skeleton, [findings]);
    },
  };
}
