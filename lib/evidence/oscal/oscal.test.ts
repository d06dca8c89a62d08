import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, test } from "vitest";
import type { ControlPostureDto } from "@/lib/domain/posture";
import type { EvidenceFile, EvidenceFinding, EvidenceModel } from "@/lib/evidence/model";
import { FRAMEWORKS, frameworkById } from "@/lib/rules/frameworks";
import { Spool } from "@/lib/evidence/package/spool";
import type { ZipEntry } from "@/lib/evidence/package/zip";
import { assessmentResultsWriter } from "./assessment-results";
import { controlIdToken, fileResourceUuid, findingContext, OSCAL_TOKEN, packageHref } from "./common";
import { poamWriter } from "./poam";
import { findingUuid, LEASH_NAMESPACE, NAMESPACE_DNS, NAMESPACE_URL, uuidV5 } from "./uuid";

// ---- Validators -------------------------------------------------------------------------------------------

function validator(file: string): ValidateFunction {
  const schema = JSON.parse(readFileSync(new URL(`./schemas/${file}`, import.meta.url), "utf8"));
  // The OSCAL 1.0.6 schemas are draft-07; strict mode would reject their annotation keywords.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
const validateAr = validator("oscal_assessment-results_schema.json");
const validatePoam = validator("oscal_poam_schema.json");

/** Validates what is written to the package: the JSON text, not the in-memory object. */
function expectValid(validate: ValidateFunction, document: object): void {
  const written = JSON.parse(JSON.stringify(document));
  const valid = validate(written);
  expect(valid ? [] : validate.errors?.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)).toEqual([]);
  expect(valid).toBe(true);
}

// ---- Fixture ------------------------------------------------------------------------------------------------

function file(path: string, content: string, mediaType: string, title: string, records: number | null): EvidenceFile {
  const bytes = Buffer.from(content, "utf8");
  return { path, sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length, records, mediaType, title };
}

function control(id: string, pass: number, fail: number, excepted: number, notApplicable: number): ControlPostureDto {
  const soc2 = frameworkById("soc2")!.controls.find((c) => c.id === id)!;
  const applicable = pass + fail + excepted;
  const status = applicable === 0 ? "not_tested" : fail > 0 ? "not_effective" : excepted > 0 ? "effective_with_exceptions" : "effective";
  return { id, title: soc2.title, rules: soc2.rules, status, score: applicable === 0 ? null : (pass + excepted) / applicable, population: { pass, fail, excepted, not_applicable: notApplicable } };
}

const PLATFORM = "3f1d9c2a-6b7e-4c1d-9a8b-2e4f6a8c0d1e";
const SECURITY = "7a2b4c6d-8e0f-4a1b-8c3d-5e7f9a1b3c5d";

function finding(ruleId: string, subjectId: string, over: Partial<EvidenceFinding>): EvidenceFinding {
  return {
    uuid: findingUuid(ruleId, "credential", subjectId),
    ruleId,
    ruleTitle: `Rule ${ruleId}`,
    severity: "high",
    subjectKind: "credential",
    subjectId,
    subjectLabel: `credential ${subjectId}`,
    teamId: PLATFORM,
    team: "Platform",
    controlIds: ["CC6.1"],
    reason: "fails",
    remediation: "fix it",
    status: "open",
    firstDetectedAt: "2026-02-01T08:00:00.000Z",
    dueAt: "2026-02-08T08:00:00.000Z",
    ...over,
  };
}

const accepted = finding("R13", "cred-wiki-token", {
  ruleTitle: "Secret pasted into a shared document",
  severity: "medium",
  subjectLabel: "wiki-sync token",
  controlIds: ["CC6.1", "CC6.6"],
  reason: "Token value appears in corpus 'eng-wiki' page 'Onboarding' (redacted preview ab12…).",
  remediation: "Rotate the token and remove the page revision.",
  status: "risk_accepted",
});

/** The model and the findings that stream past the writers. */
type TestModel = EvidenceModel & { findings: EvidenceFinding[] };

function model(over: Partial<TestModel> = {}): TestModel {
  return {
    packageUuid: "9f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f",
    generator: { name: "Leash", version: "0.9.0" },
    framework: { id: "soc2", name: "SOC 2 (Trust Services Criteria, security)" },
    scope: { kind: "as_of", asOf: "2026-03-01T00:00:00.000Z" },
    generatedAt: "2026-03-02T10:15:00.000Z",
    generatedBy: "auditor@example.com",
    rulesVersion: "2026.02.1",
    parametersVersion: 4,
    parametersHash: "5d41402abc4b2a76b9719d911017c592",
    score: 0.82,
    openFindings: { critical: 1, high: 1, medium: 0, low: 0 },
    controls: [control("CC6.1", 40, 2, 1, 5), control("CC6.2", 18, 1, 0, 2), control("CC6.3", 12, 0, 0, 0), control("CC6.6", 20, 1, 1, 0), control("CC7.2", 9, 0, 0, 3), control("CC8.1", 0, 0, 0, 4)],
    findings: [
      finding("R08", "cred-deploy", {
        ruleTitle: "Production credential usable from anywhere",
        severity: "critical",
        subjectLabel: "ci-deploy (aws)",
        controlIds: ["CC6.1", "CC6.6"],
        reason: "No source IP or VPC condition on a key with production write access.",
        remediation: "Restrict the key to the CI runners' egress addresses.",
        dueAt: "2026-02-02T08:00:00.000Z",
      }),
      finding("R07", "cred-old-bot", { ruleTitle: "Unused credential still active", controlIds: ["CC6.2"], reason: "Last used 212 days ago (limit 90).", status: "in_progress" }),
      accepted,
    ],
    exceptions: [
      {
        uuid: "0d6a2b8e-1c4f-4e7a-9b3c-5d2e1f0a9b8c",
        findingUuid: accepted.uuid,
        ruleId: "R13",
        subjectLabel: "wiki-sync token",
        justification: "Read-only token for a public mirror; rotation is scheduled with the wiki migration.",
        status: "approved",
        requestedBy: "dev@example.com",
        decidedBy: "ciso@example.com",
        decidedAt: "2026-02-10T12:00:00.000Z",
        expiresAt: "2026-06-30T00:00:00.000Z",
      },
    ],
    blastRadius: [],
    blastCounts: { reachable: 0, nineSecond: 0 },
    trend: [{ day: "2026-03-01", score: 0.82 }],
    methodology: { rules: [{ id: "R08", title: "Production credential usable from anywhere", severity: "critical", parameters: { requireNetworkCondition: true } }] },
    files: [
      file("summary/controls.csv", "control,status\r\nCC6.1,not_effective\r\n", "text/csv", "Control summary", 1),
      file("populations/CC6.1.csv", "rule,subject,result\r\nR08,cred-deploy,fail\r\n", "text/csv", "CC6.1 population", 1),
      file("populations/CC6.2.csv", "rule,subject,result\r\nR07,cred-old-bot,fail\r\n", "text/csv", "CC6.2 population", 1),
      file("findings/findings.csv", "id,rule\r\n1,R08\r\n2,R07\r\n3,R13\r\n", "text/csv", "Findings", 3),
      file("exceptions/exceptions.csv", "id,rule\r\n1,R13\r\n", "text/csv", "Exceptions", 1),
      file("audit/audit-log.jsonl", '{"seq":1}\n', "application/x-ndjson", "Audit log", 1),
    ],
    ...over,
  };
}

type Obj = Record<string, any>;

/** A spooled file's text: what lands on disk is its zip entry's deflated data. */
function inflated(entry: ZipEntry): string {
  const data = Buffer.isBuffer(entry.data) ? entry.data : readFileSync(entry.data.file);
  return (entry.method === 8 ? inflateRawSync(data) : data).toString("utf8");
}

/** Both documents as the builder writes them: the findings streamed past, the text read back from the spool. */
async function documents(m: TestModel): Promise<{ arText: string; poamText: string; ar: Obj; poam: Obj }> {
  const spool = await Spool.create();
  try {
    const context = findingContext(m, m.files, m.controls.map((c) => c.id));
    const writers = [assessmentResultsWriter(context, spool), poamWriter(context, spool)];
    for (const f of m.findings) for (const w of writers) w.add(f);
    const [arText, poamText] = await Promise.all(writers.map(async (w) => inflated((await w.finish(m)).entry)));
    return { arText: arText!, poamText: poamText!, ar: JSON.parse(arText!), poam: JSON.parse(poamText!) };
  } finally {
    await spool.dispose();
  }
}
const buildAssessmentResults = async (m: TestModel): Promise<Obj> => (await documents(m)).ar;
const buildPoam = async (m: TestModel): Promise<Obj> => (await documents(m)).poam;
const ar = async (m: TestModel): Promise<Obj> => (await buildAssessmentResults(m))["assessment-results"];
const poam = async (m: TestModel): Promise<Obj> => (await buildPoam(m))["plan-of-action-and-milestones"];

// ---- UUIDs and tokens ---------------------------------------------------------------------------------------

test("the validators reject what OSCAL forbids, so a passing document means something", async () => {
  const doc = (await buildAssessmentResults(model())) as Obj;
  const broken = JSON.parse(JSON.stringify(doc));
  broken["assessment-results"].results[0].findings[0].target["target-id"] = "7.2.5.1";
  broken["assessment-results"].results[0].observations[0].props = [];
  delete broken["assessment-results"].metadata["oscal-version"];
  expect(validateAr(broken)).toBe(false);
  const paths = validateAr.errors!.map((e) => e.instancePath);
  expect(paths).toEqual(expect.arrayContaining(["/assessment-results/results/0/findings/0/target/target-id", "/assessment-results/results/0/observations/0/props", "/assessment-results/metadata"]));
  const poamDoc = JSON.parse(JSON.stringify((await buildPoam(model()))));
  poamDoc["plan-of-action-and-milestones"]["poam-items"] = [];
  expect(validatePoam(poamDoc)).toBe(false);
});

describe("uuidV5", () => {
  test("matches published RFC 4122 v5 vectors", () => {
    expect(uuidV5(NAMESPACE_DNS, "www.example.com")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
    expect(uuidV5(NAMESPACE_DNS, "python.org")).toBe("886313e1-3b8a-5372-9b90-0c9aee199e5d");
    expect(uuidV5(NAMESPACE_URL, "urn:leash")).toBe(LEASH_NAMESPACE);
  });

  test("a finding's id depends only on rule and subject, and names are hashed as UTF-8", () => {
    expect(findingUuid("R08", "credential", "cred-1")).toBe("d1902667-f996-52c1-bc47-7c8479c1d62a");
    expect(findingUuid("R08", "credential", "ключ-🔑")).toBe("f4e47f37-1230-5d91-bc54-1763ed33ab7b");
    expect(findingUuid("R08", "event", "cred-1")).not.toBe(findingUuid("R08", "credential", "cred-1"));
    expect(() => uuidV5("not-a-uuid", "x")).toThrow(/namespace/);
  });
});

describe("controlIdToken", () => {
  test("maps framework ids to OSCAL tokens", () => {
    expect(controlIdToken("CC6.1")).toBe("cc6.1");
    expect(controlIdToken("PR.AA-01")).toBe("pr.aa-01");
    expect(controlIdToken("AC-2(3)")).toBe("ac-2.3");
    expect(controlIdToken("A.5.16")).toBe("a.5.16");
    // A token cannot start with a digit, so PCI requirement numbers are prefixed.
    expect(controlIdToken("7.2.5.1")).toBe("_7.2.5.1");
    expect(controlIdToken("10.2.2")).toBe("_10.2.2");
    expect(controlIdToken("weird id/x")).toBe("weird-id-x");
  });

  test("every control of every framework becomes a distinct valid token", () => {
    for (const framework of FRAMEWORKS) {
      const tokens = framework.controls.map((c) => controlIdToken(c.id));
      for (const token of tokens) expect(token).toMatch(OSCAL_TOKEN);
      expect(new Set(tokens).size).toBe(tokens.length);
    }
  });
});

// ---- Assessment results -----------------------------------------------------------------------------------

describe("assessment results", () => {
  test("validate against the OSCAL 1.0.6 schema", async () => {
    expectValid(validateAr, (await buildAssessmentResults(model())));
    const period = model({ scope: { kind: "period", from: "2026-01-01", to: "2026-03-31" } });
    expectValid(validateAr, (await buildAssessmentResults(period)));
    const result = (await ar(period)).results[0];
    expect([result.start, result.end]).toEqual(["2026-01-01T00:00:00.000Z", "2026-03-31T23:59:59.999Z"]);
  });

  test("metadata, as-of result and import-ap pointing at the methodology resource", async () => {
    const doc = (await ar(model()));
    expect(doc.metadata).toMatchObject({ title: "Leash evidence: SOC 2 (Trust Services Criteria, security)", "last-modified": "2026-03-02T10:15:00.000Z", "oscal-version": "1.0.6", version: "9f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f" });
    expect(doc.results[0].start).toBe("2026-03-01T00:00:00.000Z");
    expect(doc.results[0].end).toBe("2026-03-01T00:00:00.000Z");
    const target = doc["import-ap"].href.slice(1);
    const methodology = doc["back-matter"].resources.find((r: Obj) => r.uuid === target);
    expect(methodology.title).toBe("Leash rules methodology");
    expect(JSON.parse(Buffer.from(methodology.base64.value, "base64").toString("utf8"))).toEqual(model().methodology);
  });

  test("reviewed controls and observations carry the framework's controls as tokens", async () => {
    const result = (await ar(model())).results[0];
    const selected = result["reviewed-controls"]["control-selections"][0]["include-controls"].map((c: Obj) => c["control-id"]);
    expect(selected).toEqual(["cc6.1", "cc6.2", "cc6.3", "cc6.6", "cc7.2", "cc8.1"]);
    const cc61 = result.observations[0];
    expect(cc61.title).toMatch(/^CC6\.1: /);
    expect(cc61.description).toContain("40 pass, 2 fail, 1 excepted, 5 not applicable");
    expect(cc61.props).toContainEqual(expect.objectContaining({ name: "control-status", value: "not_effective" }));
    const resources = new Map((await ar(model()))["back-matter"].resources.map((r: Obj) => [`#${r.uuid}`, r.rlinks?.[0].href]));
    expect(cc61["relevant-evidence"].map((e: Obj) => resources.get(e.href))).toEqual(
      expect.arrayContaining(["../populations/CC6.1.csv", "../summary/controls.csv", "../findings/findings.csv"]),
    );
    expect(cc61["relevant-evidence"].map((e: Obj) => resources.get(e.href))).not.toContain("../populations/CC6.2.csv");
  });

  test("one finding per failing or excepted Leash finding and control it fails: the first keeps the finding's uuid", async () => {
    const m = model();
    const result = (await ar(m)).results[0];
    const prop = (f: Obj, name: string) => f.props.find((p: Obj) => p.name === name)?.value;
    const [deploy, deployCc66, bot, wiki, wikiCc66] = result.findings;
    expect(result.findings).toHaveLength(m.findings.reduce((n, f) => n + f.controlIds.length, 0));
    // Every failing control is some finding's target: none reads as satisfied.
    const failing = m.findings.flatMap((f) => f.controlIds.map((id) => id.toLowerCase()));
    expect(new Set(result.findings.map((f: Obj) => f.target["target-id"]))).toEqual(new Set(failing));
    expect([deploy.uuid, bot.uuid, wiki.uuid]).toEqual(m.findings.map((f) => f.uuid));
    expect(deployCc66.uuid).not.toBe(deploy.uuid);
    const [deployUuid, botUuid, wikiUuid] = m.findings.map((f) => f.uuid);
    expect(result.findings.map((f: Obj) => prop(f, "finding-uuid"))).toEqual([deployUuid, deployUuid, botUuid, wikiUuid, wikiUuid]);
    expect(deploy.target).toEqual({ type: "objective-id", "target-id": "cc6.1", title: "CC6.1", status: { state: "not-satisfied", reason: "fail" } });
    expect(deployCc66.target).toMatchObject({ "target-id": "cc6.6", title: "CC6.6" });
    const observations = new Map(result.observations.map((o: Obj) => [o.uuid, o.title.split(":")[0]]));
    expect(deploy["related-observations"].map((r: Obj) => observations.get(r["observation-uuid"]))).toEqual(["CC6.1"]);
    expect(deployCc66["related-observations"].map((r: Obj) => observations.get(r["observation-uuid"]))).toEqual(["CC6.6"]);
    expect([wiki.target.status.reason, wikiCc66.target.status.reason]).toEqual(["other", "other"]);
    expect(wiki.remarks).toContain("exception 0d6a2b8e-1c4f-4e7a-9b3c-5d2e1f0a9b8c (approved)");
    // Risks live in the POA&M only.
    expect(result.risks).toBeUndefined();
    const uuids = JSON.stringify((await ar(m))).match(/"uuid":"[^"]+"/g)!;
    expect(new Set(uuids).size).toBe(uuids.length);
  });

  test("findings of one rule written from a shared template still carry their own values, however hostile", async () => {
    const hostile = ['quote " backslash \\ }],', "line\nbreak and\ttab", "ünïcødé 🔑", "leash-slot-1-x"];
    const findings = hostile.map((text, i) => finding("R08", `cred ${i} ${text}`, { subjectLabel: text, reason: `reason: ${text}`, dueAt: `2026-02-0${i + 2}T08:00:00.000Z` }));
    const written = (await ar(model({ findings, exceptions: [] }))).results[0].findings as Obj[];
    expect(written.map((f) => f.title)).toEqual(hostile.map((text) => `R08 Rule R08: ${text}`));
    expect(written.map((f) => f.description)).toEqual(hostile.map((text) => `reason: ${text}`));
    expect(written.map((f) => f.uuid)).toEqual(findings.map((f) => f.uuid));
    const prop = (f: Obj, name: string) => f.props.find((p: Obj) => p.name === name)?.value;
    expect(written.map((f) => prop(f, "subject-id"))).toEqual(hostile.map((text, i) => `cred ${i} ${text}`.replace(/\s+/g, " ")));
    expect(written.map((f) => prop(f, "due-date"))).toEqual(["2026-02-02T08:00:00.000Z", "2026-02-03T08:00:00.000Z", "2026-02-04T08:00:00.000Z", "2026-02-05T08:00:00.000Z"]);
    expect(written.every((f) => f.target["target-id"] === "cc6.1" && prop(f, "rule-id") === "R08")).toBe(true);
    expectValid(validateAr, await buildAssessmentResults(model({ findings, exceptions: [] })));
  });

  test("resolved findings are not reported", async () => {
    const m = model();
    m.findings[1] = { ...m.findings[1]!, status: "resolved" };
    expect((await ar(m)).results[0].findings.map((f: Obj) => f.uuid)).not.toContain(m.findings[1]!.uuid);
    expect((await ar(m)).results[0].findings).toHaveLength(4);
    expectValid(validateAr, (await buildAssessmentResults(m)));
  });

  test("finding, risk and resource ids are stable across exports; package-scoped ids are not", async () => {
    const first = (await ar(model()));
    const second = (await ar(model({ generatedAt: "2026-03-09T09:00:00.000Z", packageUuid: "1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b" })));
    expect(second.results[0].findings.map((f: Obj) => f.uuid)).toEqual(first.results[0].findings.map((f: Obj) => f.uuid));
    const risks = async (m: TestModel) => (await poam(m)).risks.map((r: Obj) => r.uuid);
    expect(await risks(model({ packageUuid: "1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b" }))).toEqual(await risks(model()));
    expect(second["back-matter"].resources.map((r: Obj) => r.uuid)).toEqual(first["back-matter"].resources.map((r: Obj) => r.uuid));
    expect(second.uuid).not.toBe(first.uuid);
    expect((await documents(model())).arText).toBe((await documents(model())).arText);
  });

  test("back-matter links every package file with its SHA-256", async () => {
    const m = model();
    const resources = (await ar(m))["back-matter"].resources as Obj[];
    for (const f of m.files) {
      const resource = resources.find((r) => r.uuid === fileResourceUuid(f.path))!;
      expect(resource.rlinks).toEqual([{ href: packageHref(f.path), "media-type": f.mediaType, hashes: [{ algorithm: "SHA-256", value: f.sha256 }] }]);
      expect(resource.props).toContainEqual(expect.objectContaining({ name: "package-path", value: f.path }));
    }
    expect(resources).toHaveLength(m.files.length + 1);
  });

  test("a model with no findings, exceptions or files still validates", async () => {
    const empty = model({ findings: [], exceptions: [], files: [], score: null, generatedBy: "" });
    const doc = (await ar(empty));
    expect(doc.results[0].findings).toBeUndefined();
    expectValid(validateAr, (await buildAssessmentResults(empty)));
    expectValid(validateAr, (await buildAssessmentResults(model({ controls: [], findings: [] }))));
  });

  test("PCI and NIST control ids validate as tokens", async () => {
    for (const id of ["pci-dss-4.0.1", "nist-csf-2.0", "iso-27001-2022"]) {
      const fw = frameworkById(id)!;
      const controls = fw.controls.map((c) => ({ id: c.id, title: c.title, rules: c.rules, status: "effective" as const, score: 1, population: { pass: 1, fail: 0, excepted: 0, not_applicable: 0 } }));
      const findings = [finding("R07", "x", { controlIds: [fw.controls.at(-1)!.id] })];
      const m = model({ framework: { id, name: fw.name }, controls, findings, exceptions: [] });
      expectValid(validateAr, (await buildAssessmentResults(m)));
      expectValid(validatePoam, (await buildPoam(m)));
    }
  });
});

// ---- POA&M ----------------------------------------------------------------------------------------------------

describe("plan of action and milestones", () => {
  test("validates against the OSCAL 1.0.6 schema", async () => {
    expectValid(validatePoam, (await buildPoam(model())));
  });

  test("one item and one risk per rule, team and standing, however many subjects fail", async () => {
    const m = model();
    const r08 = { ruleTitle: "Production credential usable from anywhere", severity: "critical" as const, controlIds: ["CC6.1", "CC6.6"], remediation: "Restrict the key to the CI runners' egress addresses." };
    for (let i = 0; i < 500; i++) m.findings.push(finding("R08", `cred-${i}`, { ...r08, reason: "open to the world", dueAt: `2026-02-${String(3 + (i % 20)).padStart(2, "0")}T08:00:00.000Z` }));
    m.findings.push(finding("R08", "cred-sec", { ...r08, teamId: SECURITY, team: "Security", status: "in_progress", dueAt: "2026-02-05T08:00:00.000Z" }));
    m.findings.push(finding("R08", "cred-unowned", { ...r08, teamId: null, team: null }));
    const doc = await poam(m);
    expect(doc["system-id"]).toEqual({ "identifier-type": "https://ietf.org/rfc/rfc4122", id: "9f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f" });
    const items = doc["poam-items"] as Obj[];
    expect(items.map((i) => i.title).sort()).toEqual([
      "R07 Unused credential still active: 1 credential of team Platform",
      "R08 Production credential usable from anywhere: 501 credentials of team Platform",
      "R08 Production credential usable from anywhere: 1 credential of team Security",
      "R08 Production credential usable from anywhere: 1 credential of no team",
      "R13 Secret pasted into a shared document: 1 credential of team Platform (accepted)",
    ].sort());
    const byTitle = (start: string) => items.find((i) => i.title.startsWith(start))!;
    const platform = byTitle("R08 Production credential usable from anywhere: 501");
    const values = Object.fromEntries(platform.props.map((p: Obj) => [p.name, p.value]));
    // The earliest due date among the 501: cred-deploy's.
    expect(values).toMatchObject({ "rule-id": "R08", severity: "critical", team: "Platform", "team-id": PLATFORM, findings: "501", "earliest-due-date": "2026-02-02T08:00:00.000Z" });
    expect(platform.description).toContain("Remediation: Restrict the key to the CI runners' egress addresses.");
    const risks = new Map((doc.risks as Obj[]).map((r) => [r.uuid, r]));
    expect(risks.size).toBe(5);
    const riskOf = (item: Obj) => risks.get(item["related-risks"][0]["risk-uuid"]) as Obj;
    expect(riskOf(platform)).toMatchObject({ status: "open", deadline: "2026-02-02T08:00:00.000Z" });
    expect(riskOf(platform).description).toBe("For example ci-deploy (aws): No source IP or VPC condition on a key with production write access.");
    expect(riskOf(platform).remediations[0]).toMatchObject({ lifecycle: "recommendation", description: "Restrict the key to the CI runners' egress addresses." });
    expect(riskOf(byTitle("R08 Production credential usable from anywhere: 1 credential of team Security"))).toMatchObject({ status: "remediating", deadline: "2026-02-05T08:00:00.000Z" });
    expect(riskOf(byTitle("R07"))).toMatchObject({ status: "remediating" });
    // An accepted risk is due when its exception expires, and the item points at the exceptions register.
    const wiki = byTitle("R13");
    expect(riskOf(wiki)).toMatchObject({ status: "deviation-approved", deadline: "2026-06-30T00:00:00.000Z" });
    expect(wiki.remarks).toContain("exceptions/exceptions.csv");
    expect(Object.fromEntries(wiki.props.map((p: Obj) => [p.name, p.value]))).toMatchObject({ "first-exception-expires": "2026-06-30T00:00:00.000Z" });
    const observations = new Set(doc.observations.map((o: Obj) => o.uuid));
    for (const item of items) expect(observations.has(item["related-observations"][0]["observation-uuid"])).toBe(true);
    expectValid(validatePoam, await buildPoam(m));
  });

  test("an open finding whose exception awaits a decision makes its item's risk a requested deviation", async () => {
    const m = model();
    const deploy = m.findings[0]!;
    m.exceptions.push({ ...m.exceptions[0]!, uuid: "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b", findingUuid: deploy.uuid, ruleId: "R08", status: "pending", decidedBy: null, decidedAt: null });
    const doc = await poam(m);
    const item = (doc["poam-items"] as Obj[]).find((i) => i.title.startsWith("R08"))!;
    expect((doc.risks as Obj[]).find((r) => r.uuid === item["related-risks"][0]["risk-uuid"])!.status).toBe("deviation-requested");
  });

  test("one observation per rule: how many subjects fail it, citing the files that list them", async () => {
    const m = model();
    m.findings.push(finding("R08", "cred-second", { ruleTitle: "Production credential usable from anywhere", controlIds: ["CC6.1", "CC6.6"] }));
    const doc = await poam(m);
    const resources = new Map(doc["back-matter"].resources.map((r: Obj) => [`#${r.uuid}`, r.rlinks?.[0].href]));
    expect(doc.observations.map((o: Obj) => o.title.split(" ")[0])).toEqual(["R07", "R08", "R13"]);
    const r08 = doc.observations[1];
    expect(r08.description).toMatch(/^2 subjects fail R08 /);
    expect(r08["relevant-evidence"].map((e: Obj) => resources.get(e.href)).sort()).toEqual(["../findings/findings.csv", "../populations/CC6.1.csv"]);
    const r13 = doc.observations[2];
    expect(r13.description).toContain("1 of them under an exception");
    expect(r13["relevant-evidence"].map((e: Obj) => resources.get(e.href))).toContain("../exceptions/exceptions.csv");
    const items = doc["poam-items"].filter((i: Obj) => i.title.startsWith("R08"));
    expect(items.map((i: Obj) => i["related-observations"][0]["observation-uuid"])).toEqual([r08.uuid]);
    expectValid(validatePoam, await buildPoam(m));
  });

  test("a finding with no remediation and no control of the framework still validates", async () => {
    const m = model({ findings: [finding("R21", "cred-odd", { controlIds: [], remediation: "  " })] });
    expectValid(validateAr, await buildAssessmentResults(m));
    expectValid(validatePoam, await buildPoam(m));
    expect((await poam(m)).risks[0].remediations).toBeUndefined();
  });

  test("items keep their ids across exports", async () => {
    const first = (await poam(model()));
    const second = (await poam(model({ generatedAt: "2026-04-01T00:00:00.000Z", packageUuid: "1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b" })));
    expect(second["poam-items"].map((i: Obj) => i.uuid)).toEqual(first["poam-items"].map((i: Obj) => i.uuid));
    // Another team's failures of the same rule are another item.
    const moved = model();
    moved.findings[0] = { ...moved.findings[0]!, teamId: SECURITY, team: "Security" };
    expect((await poam(moved))["poam-items"].map((i: Obj) => i.uuid)).not.toEqual(first["poam-items"].map((i: Obj) => i.uuid));
    expect(second.metadata["last-modified"]).toBe("2026-04-01T00:00:00.000Z");
  });

  test("nothing to plan still validates, with a single item saying so", async () => {
    const m = model({ findings: [], exceptions: [] });
    const doc = (await poam(m));
    expect(doc["poam-items"]).toHaveLength(1);
    expect(doc["poam-items"][0].title).toBe("No open findings");
    expect(doc.risks).toBeUndefined();
    expectValid(validatePoam, (await buildPoam(m)));
  });

  test("back-matter hashes equal the files' sha256", async () => {
    const m = model();
    const hashes = ((await poam(m))["back-matter"].resources as Obj[]).filter((r) => r.rlinks).map((r) => r.rlinks[0].hashes[0].value);
    expect(hashes).toEqual(m.files.map((f) => f.sha256));
  });
});
