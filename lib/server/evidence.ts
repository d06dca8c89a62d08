import "server-only";
import { randomUUID } from "node:crypto";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { evidencePackages } from "@/db/schema";
import { evidenceListQuerySchema, evidenceRequestSchema, type EvidenceListQuery, type EvidencePackageDto, type EvidencePage, type EvidenceRequest } from "@/lib/domain/evidence";
import type { EvidenceModel, EvidenceScope } from "@/lib/evidence/model";
import { assessmentResultsWriter } from "@/lib/evidence/oscal/assessment-results";
import { findingContext } from "@/lib/evidence/oscal/common";
import { poamWriter } from "@/lib/evidence/oscal/poam";
import { assemblePackage, contentHash, describeFile, readmeText } from "@/lib/evidence/package/assemble";
import { Spool } from "@/lib/evidence/package/spool";
import { renderReportPdf } from "@/lib/evidence/report/render";
import { FRAMEWORKS, RULES, RULES_VERSION, frameworkById, meanScore } from "@/lib/rules";
import { DAY_MS, utcDay } from "@/lib/domain/utc-days";
import { auditWindow } from "@/lib/domain/audit-scope";
import { actorOf, appendAudit, recordAudit } from "./audit";
import { requireFrameworkInScope, scopedAsOf, scopedPeriod } from "./audit-scope";
import { db } from "./db";
import { AppError, notFound, parseInput } from "./errors";
import { currentSigningKey } from "./evidence-keys";
import { dataFileRefs, exceptionsAt, gatherEvidence } from "./evidence/gather";
import { storePackageFile, storedPackageChunks } from "./evidence/storage";
import { parametersAt } from "./rule-parameters";
import { postureTrend } from "./posture";
import { requirePermission, type Viewer } from "./viewer";

/**
 * Evidence packages (DESIGN §7): built for a framework and an instant or a period, signed, stored as the exact
 * bytes every download returns. Builds and downloads are audited. A package is built in a temp folder a file at a
 * time and stored and served in chunks, so its size is bounded by disk, not memory.
 */

const GENERATOR_VERSION = "0.1.0";
/** How many of the most exposed credentials the report lists by name (the counts cover all of them). */
const REPORTED_BLAST = 25;

function toDto(r: Omit<typeof evidencePackages.$inferSelect, "createdByUserId">): EvidencePackageDto {
  return { id: r.id, framework: r.framework, scope: r.scope, sha256: r.sha256, bytes: r.bytes, files: r.files, keyId: r.keyId, createdAt: r.createdAt.toISOString(), createdBy: r.createdBy };
}

const mediaType = (path: string) => (path.endsWith(".csv") ? "text/csv" : path.endsWith(".jsonl") ? "application/x-ndjson" : "application/json");

/** A build request checked as far as it can be without building: the API refuses a bad one before queueing it. */
export function parseEvidenceRequest(viewer: Viewer, input: unknown) {
  const request = parseInput(evidenceRequestSchema, input);
  const framework = frameworkById(request.framework);
  if (!framework) throw new AppError("invalid", `Unknown framework; use one of ${FRAMEWORKS.map((f) => f.id).join(", ")}`, { framework: "unknown framework" });
  requireFrameworkInScope(viewer, framework.id);
  if (request.from) scopedPeriod(viewer, { from: request.from, to: request.to });
  // A scoped auditor's "now" after their window is its last instant: the package is fixed when it is asked for.
  else request.asOf = scopedAsOf(viewer, request.asOf ? new Date(request.asOf) : undefined)?.toISOString() ?? request.asOf;
  return { request, framework };
}

/**
 * The stored packages a scoped auditor may see, as a condition of the query (so a limit counts only those): their
 * framework, read at instants inside their window. None for a viewer without a scope.
 */
function inAuditScope(viewer: Viewer): SQL | undefined {
  const scope = viewer.auditScope;
  if (!scope) return undefined;
  const { start, end } = auditWindow(scope);
  const field = (name: string) => sql`(${evidencePackages.scope} ->> ${sql.raw(`'${name}'`)})`;
  return and(
    eq(evidencePackages.framework, scope.framework),
    sql`case when ${field("kind")} = 'period' then ${field("from")} >= ${scope.from} and ${field("to")} <= ${scope.to}
      else ${field("asOf")}::timestamptz between ${start.toISOString()}::timestamptz and ${end.toISOString()}::timestamptz end`,
  );
}

/** The package's scope and the instant it is read at (a period's last millisecond, never the future). */
function packageScope(request: EvidenceRequest, now: Date) {
  const scope: EvidenceModel["scope"] = request.from ? { kind: "period", from: request.from, to: request.to! } : { kind: "as_of", asOf: (request.asOf ? new Date(request.asOf) : now).toISOString() };
  const at = scope.kind === "as_of" ? new Date(scope.asOf) : new Date(Math.min(Date.parse(`${scope.to}T00:00:00Z`) + DAY_MS - 1, now.getTime()));
  if (at.getTime() > now.getTime() + 1000) throw new AppError("invalid", "Evidence cannot be built for the future", { asOf: "in the future" });
  return { scope, at };
}

/** The build's steps in order: a job shows "step n of 4" as a bar, since how long each takes is not known up front. */
export const BUILD_STEPS = ["evaluating every subject and writing the data files", "writing the report and the OSCAL documents", "signing and writing the zip", "storing the package"] as const;

/** Hears each step as it starts, with how many of the steps are done. */
export type PhaseListener = (name: string, steps: { done: number; total: number }) => void;

/**
 * Permission: evidence:build (admins and auditors). Builds, signs, stores and audits one package; `phase` hears which
 * step it is on (a build job shows it as progress).
 */
export async function buildEvidencePackage(viewer: Viewer, input: EvidenceRequest, packageId?: string, onPhase: PhaseListener = () => {}): Promise<EvidencePackageDto> {
  requirePermission(viewer, "evidence:build");
  // A retried build job finds the package its previous attempt stored rather than signing a second one.
  const stored = packageId ? await packageById(packageId) : undefined;
  if (stored) return stored;
  const { request, framework } = parseEvidenceRequest(viewer, input);
  const now = new Date();
  const { scope, at } = packageScope(request, now);
  const packageUuid = packageId ?? randomUUID();
  const generator = { name: "Leash" as const, version: GENERATOR_VERSION };
  const generatedAt = now.toISOString();

  // Unsealed first: a key this instance cannot use fails the build now, not after minutes of gathering.
  const key = await currentSigningKey();
  const phase = (name: (typeof BUILD_STEPS)[number]) => onPhase(name, { done: BUILD_STEPS.indexOf(name), total: BUILD_STEPS.length });
  const spool = await Spool.create();
  try {
    const exceptions = await exceptionsAt(at);
    const context = findingContext({ packageUuid, generator, generatedAt, exceptions }, dataFileRefs(framework), framework.controls.map((c) => c.id));
    const oscal = [assessmentResultsWriter(context, spool), poamWriter(context, spool)];
    phase("evaluating every subject and writing the data files");
    const trend = await postureTrend("all", scope.kind === "period" ? { framework: framework.id, from: scope.from, to: scope.to } : { framework: framework.id, days: 30, to: utcDay(at) });
    const periodStart = scope.kind === "period" ? new Date(`${scope.from}T00:00:00Z`) : undefined;
    const gathered = await gatherEvidence({ framework, days: trend.points, at, periodStart, exceptions, spool, onFinding: (f) => oscal.forEach((w) => w.add(f)) });
    const { controls } = gathered;
    const params = await parametersAt(at);
    const dataFiles = gathered.files;
    const model: EvidenceModel = {
      packageUuid,
      generator,
      framework: { id: framework.id, name: framework.name },
      scope,
      generatedAt,
      generatedBy: viewer.email,
      rulesVersion: RULES_VERSION,
      parametersVersion: params.version,
      parametersHash: params.hash,
      score: meanScore(controls),
      controls,
      openFindings: gathered.openFindings,
      exceptions,
      blastCounts: { reachable: gathered.blast.length, nineSecond: gathered.blast.filter((b) => b.nineSecond).length },
      blastRadius: gathered.blast.slice(0, REPORTED_BLAST).map((b) => ({ credential_id: b.credentialId, name: b.name, provider: b.provider, team: b.team, conditions: b.conditions, path: b.path, nine_second: b.nineSecond })),
      trend: gathered.days.map((p) => ({ day: p.day, score: p.score })),
      methodology: { rules: RULES.map((r) => ({ id: r.id, title: r.title, severity: r.severity, parameters: r.parameters.schema.parse(params.rules[r.id] ?? {}) as Record<string, unknown> })) },
      files: dataFiles.map((f) => ({ ...describeFile(f), mediaType: mediaType(f.path), title: f.path })),
    };
    phase("writing the report and the OSCAL documents");
    const readme = await spool.bytes("README.txt", readmeText({ framework: model.framework, scope, generatedAt, generatedBy: model.generatedBy, package: packageUuid, populationsAsOf: at.toISOString() }, key.keyId));
    const report = await spool.bytes("report.pdf", await renderReportPdf(model, contentHash(model.files)));
    const documents = [];
    for (const w of oscal) documents.push(await w.finish(model));
    phase("signing and writing the zip");
    const built = await assemblePackage({
      manifest: {
        package: packageUuid,
        generator,
        framework: model.framework,
        scope,
        generatedAt,
        generatedBy: model.generatedBy,
        populationsAsOf: at.toISOString(),
        rules: {
          version: RULES_VERSION,
          parametersVersion: params.version,
          parametersHash: params.hash,
          parameters: Object.fromEntries(model.methodology.rules.map((r) => [r.id, r.parameters])),
        },
        completeness: gathered.completeness,
      },
      files: [readme, ...dataFiles, report, ...documents],
      key,
      spool,
    });
    phase("storing the package");
    await db().transaction(async (tx) => {
      await tx.insert(evidencePackages).values({
        id: packageUuid,
        framework: framework.id,
        scope,
        keyId: key.keyId,
        sha256: built.sha256,
        bytes: built.bytes,
        // The manifest, its signature, SHA256SUMS and its signature, besides the files the manifest lists.
        files: built.manifest.files.length + 4,
        createdBy: viewer.email,
        createdByUserId: viewer.via === "cli" ? null : viewer.userId,
      });
      await storePackageFile(tx, packageUuid, built.file);
      await appendAudit(tx, actorOf(viewer), { action: "evidence.build", targetType: "evidence_package", targetId: packageUuid, details: { framework: framework.id, scope, sha256: built.sha256, bytes: built.bytes } });
    });
  } finally {
    await spool.dispose();
  }
  return (await packageById(packageUuid))!;
}

const dtoColumns = {
  id: evidencePackages.id,
  framework: evidencePackages.framework,
  scope: evidencePackages.scope,
  keyId: evidencePackages.keyId,
  sha256: evidencePackages.sha256,
  bytes: evidencePackages.bytes,
  files: evidencePackages.files,
  createdAt: evidencePackages.createdAt,
  createdBy: evidencePackages.createdBy,
};

async function packageById(id: string): Promise<EvidencePackageDto | undefined> {
  const [row] = await db().select(dtoColumns).from(evidencePackages).where(eq(evidencePackages.id, id));
  return row && toDto(row);
}

/**
 * Permission: evidence:read. Newest package first, in keyset pages: the cursor is the last id seen, and the next page
 * starts after that package's (created_at, id). A scoped auditor's scope is a condition of the query, so a page holds
 * only packages they may see however many others were built since. The list view is audited like any view of evidence.
 */
export async function listEvidencePackages(viewer: Viewer, query: EvidenceListQuery = {}): Promise<EvidencePage> {
  requirePermission(viewer, "evidence:read");
  const { limit, cursor } = parseInput(evidenceListQuerySchema, query);
  // An id that is no package anchors nothing: the comparison is null and the page empty.
  const anchor = (id: string) => db().select({ createdAt: evidencePackages.createdAt, id: evidencePackages.id }).from(evidencePackages).where(eq(evidencePackages.id, id));
  const rows = await db()
    .select(dtoColumns)
    .from(evidencePackages)
    .where(and(inAuditScope(viewer), cursor ? sql`(${evidencePackages.createdAt}, ${evidencePackages.id}) < (${anchor(cursor)})` : undefined))
    .orderBy(desc(evidencePackages.createdAt), desc(evidencePackages.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  await recordAudit(actorOf(viewer), { action: "evidence.view", targetType: "evidence_package", details: { listed: page.length } });
  return { packages: page.map(toDto), nextCursor: rows.length > limit ? page.at(-1)!.id : null };
}

/**
 * The download's name: framework, instant to the second or period, and the start of the package's SHA-256, so two
 * packages never share a name and the file matches its line in the list of built packages.
 */
export function evidenceFileName(pkg: { framework: string; scope: EvidenceScope; sha256: string }): string {
  const when = pkg.scope.kind === "as_of" ? `${pkg.scope.asOf.slice(0, 19).replaceAll(":", "-")}Z` : `${pkg.scope.from}_${pkg.scope.to}`;
  return `leash-evidence-${pkg.framework}-${when}-${pkg.sha256.slice(0, 12)}.zip`;
}

/** Permission: evidence:read. The stored bytes (identical on every download), chunk by chunk, audited. */
export async function downloadEvidencePackage(viewer: Viewer, id: string): Promise<{ fileName: string; bytes: number; sha256: string; content: AsyncIterable<Buffer> }> {
  requirePermission(viewer, "evidence:read");
  const [row] = await db()
    .select({ framework: evidencePackages.framework, scope: evidencePackages.scope, sha256: evidencePackages.sha256, bytes: evidencePackages.bytes })
    .from(evidencePackages)
    .where(and(eq(evidencePackages.id, id), inAuditScope(viewer)));
  if (!row) throw notFound("Evidence package");
  await recordAudit(actorOf(viewer), { action: "evidence.download", targetType: "evidence_package", targetId: id, details: { sha256: row.sha256 } });
  return { fileName: evidenceFileName(row), bytes: row.bytes, sha256: row.sha256, content: storedPackageChunks(id) };
}
