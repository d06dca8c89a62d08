import "server-only";
import { and, desc, eq, isNull, ne, sql } from "drizzle-orm";
import { corpora, scanRunFindings, scanRuns, secretFindings, secretLocations } from "@/db/schema";
import { scanUploadSchema, type ListedScanRunDto, type ScanRunDto, type ScanUpload, type UploadedFinding } from "@/lib/domain/scan";
import { keyCheckOf } from "@/lib/scanner/fingerprint";
import { actorOf, appendAudit } from "./audit";
import { corpusByIdOrName } from "./corpora";
import { db } from "./db";
import { evaluateAfter } from "./evaluation";
import { credentialMatcher } from "./exposure-links";
import { AppError, notFound, parseInput } from "./errors";
import { fingerprintKey } from "./instance-secrets";
import type { Tx } from "./inventory-writer";
import { jsonList } from "./sql-rows";
import { inTeamScope, requirePermission, type Viewer } from "./viewer";

export const SCANNER_VERSION = "leash-scanner/0.1.0";
const MAX_LOCATIONS_PER_SECRET = 100;

/** A public check value: equal only when two sides fingerprint under the same key, revealing nothing of the key. */
export function instanceKeyCheck(): string {
  return keyCheckOf(fingerprintKey());
}

type Group = { first: UploadedFinding; locations: UploadedFinding[] };

function groupByFingerprint(findings: UploadedFinding[]): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const f of findings) {
    const group = groups.get(f.fingerprint);
    if (group) group.locations.push(f);
    else groups.set(f.fingerprint, { first: f, locations: [f] });
  }
  return groups;
}

/** Writes the run's exposures and returns those it opened: seen for the first time, or again after being resolved. */
async function upsertFindings(tx: Tx, corpusId: string, runId: string, groups: Map<string, Group>, at: Date): Promise<string[]> {
  const secretOf = (g: Group) => ({ fingerprint: g.first.fingerprint, publicId: g.first.publicId ?? null });
  const credentialOf = await credentialMatcher(tx, [...groups.values()].map(secretOf));
  const opened: string[] = [];
  for (const [fingerprint, group] of groups) {
    const f = group.first;
    const values = {
      detector: f.detector,
      kind: f.kind,
      provider: f.provider,
      title: f.title,
      confidence: f.confidence,
      severity: f.severity,
      entropy: Math.round(f.entropy * 1000),
      preview: f.preview,
      publicId: f.publicId ?? null,
      credentialId: credentialOf(secretOf(group)),
      allowed: group.locations.every((l) => l.allowed),
      lastSeenAt: at,
      lastRunId: runId,
    };
    const [existing] = await tx.select({ id: secretFindings.id, resolvedAt: secretFindings.resolvedAt }).from(secretFindings).where(and(eq(secretFindings.corpusId, corpusId), eq(secretFindings.fingerprint, fingerprint)));
    let id = existing?.id;
    if (existing) {
      await tx.update(secretFindings).set({ ...values, resolvedAt: null }).where(eq(secretFindings.id, existing.id));
      if (existing.resolvedAt) opened.push(existing.id);
      await tx.delete(secretLocations).where(eq(secretLocations.findingId, existing.id));
    } else {
      [{ id } = { id: "" }] = await tx.insert(secretFindings).values({ ...values, corpusId, fingerprint, firstSeenAt: at }).returning({ id: secretFindings.id });
      opened.push(id!);
    }
    await tx.insert(secretLocations).values(
      group.locations.slice(0, MAX_LOCATIONS_PER_SECRET).map((l) => ({ findingId: id!, file: l.file, line: l.line, column: l.column, context: l.context ?? {}, inTestPath: l.inTestPath ?? false })),
    );
  }
  return opened;
}

/** What the run did to each exposure of its corpus, kept so its counts can be listed after later scans (scan_run_findings). */
async function recordOutcomes(tx: Tx, corpusId: string, runId: string, opened: string[], resolved: string[]): Promise<void> {
  // By corpus first: last_run_id has no index of its own, the corpus's findings have.
  await tx.execute(sql`insert into ${scanRunFindings} (run_id, finding_id, outcome)
    select ${runId}::uuid, f.id, case when f.id::text in ${jsonList(opened)} then 'opened' else 'seen' end
    from ${secretFindings} f where f.corpus_id = ${corpusId}::uuid and f.last_run_id = ${runId}::uuid`);
  await tx.execute(sql`insert into ${scanRunFindings} (run_id, finding_id, outcome) select ${runId}::uuid, r::uuid, 'resolved' from ${jsonList(resolved)} as t(r)`);
}

/**
 * Permission: scan:write. Records one scan of a corpus (from `leash scan --upload` or an uploaded archive): one
 * exposure per secret with its locations, matched to inventory credentials by fingerprint or public id; exposures
 * of the corpus this scan no longer sees are resolved. One transaction.
 */
export async function recordScan(viewer: Viewer, corpusIdOrName: string, input: ScanUpload, origin: "upload" | "cli", runId?: string): Promise<ScanRunDto> {
  requirePermission(viewer, "scan:write");
  const recorded = runId ? await recordedScanRun(runId) : null;
  if (recorded) return recorded;
  const upload = parseInput(scanUploadSchema, input);
  const corpus = await corpusByIdOrName(corpusIdOrName);
  // `leash scan --upload --corpus NAME` scans first and uploads after: say how to make the upload succeed next time.
  if (!corpus) throw new AppError("not_found", `Corpus "${corpusIdOrName}" not found: register it first (Scans → New corpus, or POST /api/v1/corpora), then upload again`);
  if (upload.keyCheck !== instanceKeyCheck()) {
    throw new AppError("invalid", "The findings were fingerprinted under another key: scan with --fingerprint-key set to this instance's key", { keyCheck: "does not match this instance's fingerprint key" });
  }
  const at = new Date();
  const groups = groupByFingerprint(upload.findings);
  const recordedId = await db().transaction(async (tx) => {
    const [run] = await tx
      .insert(scanRuns)
      .values({ ...(runId ? { id: runId } : {}), corpusId: corpus.id, status: "completed", origin, scannerVersion: upload.scannerVersion, startedAt: new Date(upload.startedAt), finishedAt: at, files: upload.stats.files, bytes: upload.stats.bytes, findings: groups.size, requestedBy: actorOf(viewer).actorLabel, requestedByUserId: viewer.via === "cli" ? null : viewer.userId })
      .returning({ id: scanRuns.id });
    const opened = await upsertFindings(tx, corpus.id, run!.id, groups, at);
    const resolved = await tx
      .update(secretFindings)
      .set({ resolvedAt: at })
      .where(and(eq(secretFindings.corpusId, corpus.id), isNull(secretFindings.resolvedAt), ne(secretFindings.lastRunId, run!.id)))
      .returning({ id: secretFindings.id });
    await recordOutcomes(tx, corpus.id, run!.id, opened, resolved.map((r) => r.id));
    await tx.update(scanRuns).set({ opened: opened.length, resolved: resolved.length }).where(eq(scanRuns.id, run!.id));
    await tx.update(corpora).set({ lastScanAt: at }).where(eq(corpora.id, corpus.id));
    await appendAudit(tx, actorOf(viewer), { action: "scan.record", targetType: "scan_run", targetId: run!.id, details: { corpus: corpus.name, secrets: groups.size, opened: opened.length, resolved: resolved.length, origin } });
    return run!.id;
  });
  await evaluateAfter({ kind: "scan", corpusId: corpus.id }, actorOf(viewer).actorLabel);
  return getScanRunUnchecked(recordedId);
}

/** The run recorded under this id, if any: a retried scan job must not record its scan twice. */
export async function recordedScanRun(id: string): Promise<ScanRunDto | null> {
  const [row] = await db().select({ id: scanRuns.id }).from(scanRuns).where(eq(scanRuns.id, id));
  return row ? getScanRunUnchecked(id) : null;
}

async function getScanRunUnchecked(id: string): Promise<ScanRunDto> {
  const [row] = await db().select({ run: scanRuns, corpusName: corpora.name }).from(scanRuns).innerJoin(corpora, eq(corpora.id, scanRuns.corpusId)).where(eq(scanRuns.id, id));
  if (!row) throw notFound("Scan run");
  return toRunDto(row.run, row.corpusName);
}

function toRunDto(r: typeof scanRuns.$inferSelect, corpusName: string): ScanRunDto {
  return {
    id: r.id,
    corpus: { id: r.corpusId, name: corpusName },
    status: r.status,
    origin: r.origin,
    scannerVersion: r.scannerVersion,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt.toISOString(),
    files: r.files,
    bytes: r.bytes,
    findings: r.findings,
    opened: r.opened,
    resolved: r.resolved,
    outcomesRecorded: r.outcomesRecorded,
    failure: r.failure,
    requestedBy: r.requestedBy,
  };
}

/**
 * Permission: scan:read. Scan runs, newest first (a run names a corpus and counts, never a secret); an engineer gets
 * no secret counts for a corpus their teams do not own, where they span other teams' secrets (ListedScanRunDto).
 */
export async function listScanRuns(viewer: Viewer, corpusId?: string, limit = 50): Promise<ListedScanRunDto[]> {
  requirePermission(viewer, "scan:read");
  const rows = await db()
    .select({ run: scanRuns, corpusName: corpora.name, corpusTeamId: corpora.teamId })
    .from(scanRuns)
    .innerJoin(corpora, eq(corpora.id, scanRuns.corpusId))
    .where(corpusId ? eq(scanRuns.corpusId, corpusId) : undefined)
    .orderBy(desc(scanRuns.startedAt))
    .limit(Math.min(Math.max(limit, 1), 200));
  return rows.map((r) => {
    const run = toRunDto(r.run, r.corpusName);
    // Every secret of a corpus their team owns is theirs to see (secretFindingScope), so are its runs' counts.
    return inTeamScope(viewer, r.corpusTeamId) ? run : { ...run, findings: null, opened: null, resolved: null };
  });
}

