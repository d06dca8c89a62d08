import "server-only";
import { randomUUID } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { evidencePackages } from "@/db/schema";
import { jsonToBuffer } from "@/lib/evidence/chunked";
import { csvLine } from "@/lib/evidence/csv";
import { evidenceRequestSchema, type EvidencePackageDto, type EvidenceRequest } from "@/lib/domain/evidence";
import type { EvidenceModel } from "@/lib/evidence/model";
import { buildAssessmentResults } from "@/lib/evidence/oscal/assessment-results";
import { buildPoam } from "@/lib/evidence/oscal/poam";
import { assemblePackage, contentHash, describeFiles, readmeText, type PackageFile } from "@/lib/evidence/package/assemble";
import { renderReportPdf } from "@/lib/evidence/report/render";
import { FRAMEWORKS, RULES, RULES_VERSION, frameworkById, meanScore } from "@/lib/rules";
import { DAY_MS, utcDay } from "@/lib/domain/utc-days";
import { actorOf, appendAudit, recordAudit } from "./audit";
import { db } from "./db";
import { AppError, notFound } from "./errors";
import { currentSigningKey } from "./evidence-keys";
import { gatherEvidence } from "./evidence/gather";
import { parametersAt } from "./rule-parameters";
import { controlsFromTallies, postureTrend } from "./posture";
import { requirePermission, type Viewer } from "./viewer";

/**
 * Evidence packages (DESIGN §7): built for a framework and an instant or a period, signed, stored as the exact
 * bytes every download returns. Builds and downloads are audited.
 */

const GENERATOR_VERSION = "0.1.0";

function toDto(r: typeof evidencePackages.$inferSelect): EvidencePackageDto {
  return { id: r.id, framework: r.framework, scope: r.scope, sha256: r.sha256, bytes: r.bytes, files: r.files, keyId: r.keyId, createdAt: r.createdAt.toISOString(), createdBy: r.createdBy };
}

const summaryCsv = (model: Pick<EvidenceModel, "controls">): PackageFile => ({
  path: "summary/controls.csv",
  bytes: Buffer.from(
    csvLine(["control_id", "title", "rules", "status", "score", "pass", "fail", "excepted", "not_applicable"]) +
      model.controls.map((c) => csvLine([c.id, c.title, c.rules, c.status, c.score === null ? "" : c.score.toFixed(4), c.population.pass, c.population.fail, c.population.excepted, c.population.not_applicable])).join(""),
  ),
});

/** A build request checked as far as it can be without building: the API refuses a bad one before queueing it. */
export function parseEvidenceRequest(input: unknown) {
  const request = evidenceRequestSchema.parse(input);
  const framework = frameworkById(request.framework);
  if (!framework) throw new AppError("invalid", `Unknown framework; use one of ${FRAMEWORKS.map((f) => f.id).join(", ")}`, { framework: "unknown framework" });
  return { request, framework };
}

/** Permission: evidence:build (admins and auditors). Builds, signs, stores and audits one package. */
export async function buildEvidencePackage(viewer: Viewer, input: EvidenceRequest, packageId?: string): Promise<EvidencePackageDto> {
  requirePermission(viewer, "evidence:build");
  // A retried build job finds the package its previous attempt stored rather than signing a second one.
  const [stored] = packageId ? await listRows(packageId) : [];
  if (stored) return stored;
  const { request, framework } = parseEvidenceRequest(input);
  const now = new Date();
  const scope: EvidenceModel["scope"] = request.from ? { kind: "period", from: request.from, to: request.to! } : { kind: "as_of", asOf: (request.asOf ? new Date(request.asOf) : now).toISOString() };
  const at = scope.kind === "as_of" ? new Date(scope.asOf) : new Date(Math.min(Date.parse(`${scope.to}T00:00:00Z`) + DAY_MS - 1, now.getTime()));
  if (at.getTime() > now.getTime() + 1000) throw new AppError("invalid", "Evidence cannot be built for the future", { asOf: "in the future" });
  const window = scope.kind === "period" ? { from: new Date(`${scope.from}T00:00:00Z`), to: at } : { from: new Date(at.getTime() - 30 * DAY_MS), to: at };

  const gathered = await gatherEvidence(framework, at, window);
  const controls = controlsFromTallies(framework, "all", gathered.tallies);
  const params = await parametersAt(at);
  const trend = await postureTrend("all", scope.kind === "period" ? { framework: framework.id, from: scope.from, to: scope.to } : { framework: framework.id, days: 30, to: utcDay(at) });
  const packageUuid = packageId ?? randomUUID();
  const dataFiles = [summaryCsv({ controls }), ...gathered.files];
  const model: EvidenceModel = {
    packageUuid,
    generator: { name: "Leash", version: GENERATOR_VERSION },
    framework: { id: framework.id, name: framework.name },
    scope,
    generatedAt: now.toISOString(),
    generatedBy: viewer.email,
    rulesVersion: RULES_VERSION,
    parametersVersion: params.version,
    parametersHash: params.hash,
    score: meanScore(controls),
    controls,
    findings: gathered.findings,
    exceptions: gathered.exceptions,
    blastRadius: gathered.blast.slice(0, 25).map((b) => ({ credential_id: b.credentialId, name: b.name, provider: b.provider, team: b.team, conditions: b.conditions, path: b.path, nine_second: b.nineSecond })),
    trend: trend.points.map((p) => ({ day: p.day, score: p.score })),
    methodology: { rules: RULES.map((r) => ({ id: r.id, title: r.title, severity: r.severity, parameters: r.parameters.schema.parse(params.rules[r.id] ?? {}) as Record<string, unknown> })) },
    files: describeFiles(dataFiles).map((f) => ({ ...f, mediaType: f.path.endsWith(".csv") ? "text/csv" : f.path.endsWith(".jsonl") ? "application/x-ndjson" : "application/json", title: f.path })),
  };
  const key = await currentSigningKey();
  const documents: PackageFile[] = [
    { path: "README.txt", bytes: Buffer.from(readmeText({ framework: model.framework, scope, generatedAt: model.generatedAt, generatedBy: model.generatedBy, package: packageUuid }, key.keyId)) },
    ...dataFiles,
    { path: "report.pdf", bytes: await renderReportPdf(model, contentHash(dataFiles)) },
    { path: "oscal/assessment-results.json", bytes: jsonToBuffer(buildAssessmentResults(model)) },
    { path: "oscal/poam.json", bytes: jsonToBuffer(buildPoam(model)) },
  ];
  const built = await assemblePackage({
    manifest: {
      package: packageUuid,
      generator: model.generator,
      framework: model.framework,
      scope,
      generatedAt: model.generatedAt,
      generatedBy: model.generatedBy,
      rules: { version: RULES_VERSION, parametersVersion: params.version, parametersHash: params.hash },
      completeness: gathered.completeness,
    },
    files: documents,
    key,
  });
  await db().transaction(async (tx) => {
    await tx.insert(evidencePackages).values({
      id: packageUuid,
      framework: framework.id,
      scope,
      keyId: key.keyId,
      sha256: built.sha256,
      bytes: built.zip.length,
      content: built.zip,
      files: built.manifest.files.length + 3,
      createdBy: viewer.email,
      createdByUserId: viewer.via === "cli" ? null : viewer.userId,
    });
    await appendAudit(tx, actorOf(viewer), { action: "evidence.build", targetType: "evidence_package", targetId: packageUuid, details: { framework: framework.id, scope, sha256: built.sha256, bytes: built.zip.length } });
  });
  return (await listRows(packageUuid))[0]!;
}

async function listRows(id?: string): Promise<EvidencePackageDto[]> {
  const rows = await db()
    .select({
      id: evidencePackages.id,
      framework: evidencePackages.framework,
      scope: evidencePackages.scope,
      keyId: evidencePackages.keyId,
      sha256: evidencePackages.sha256,
      bytes: evidencePackages.bytes,
      files: evidencePackages.files,
      createdAt: evidencePackages.createdAt,
      createdBy: evidencePackages.createdBy,
    })
    .from(evidencePackages)
    .where(id ? eq(evidencePackages.id, id) : undefined)
    .orderBy(desc(evidencePackages.createdAt))
    .limit(200);
  return rows.map((r) => toDto({ ...r, content: Buffer.alloc(0), createdByUserId: null }));
}

/** Permission: evidence:read. Newest first; the list view is audited like any view of evidence. */
export async function listEvidencePackages(viewer: Viewer): Promise<EvidencePackageDto[]> {
  requirePermission(viewer, "evidence:read");
  const list = await listRows();
  await recordAudit(actorOf(viewer), { action: "evidence.view", targetType: "evidence_package", details: { listed: list.length } });
  return list;
}

/** Permission: evidence:read. The stored bytes (identical on every download), audited. */
export async function downloadEvidencePackage(viewer: Viewer, id: string): Promise<{ fileName: string; bytes: Buffer; sha256: string }> {
  requirePermission(viewer, "evidence:read");
  const [row] = await db().select().from(evidencePackages).where(eq(evidencePackages.id, id));
  if (!row) throw notFound("Evidence package");
  await recordAudit(actorOf(viewer), { action: "evidence.download", targetType: "evidence_package", targetId: id, details: { sha256: row.sha256 } });
  const day = (row.scope.kind === "as_of" ? row.scope.asOf : `${row.scope.from}_${row.scope.to}`).slice(0, 21).replace(/[^0-9A-Za-z_-]/g, "-");
  return { fileName: `leash-evidence-${row.framework}-${day}.zip`, bytes: Buffer.from(row.content), sha256: row.sha256 };
}
