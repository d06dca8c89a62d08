import "server-only";
import { and, asc, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { credentials, importRuns, sources } from "@/db/schema";
import type { ImportRunDto } from "@/lib/domain/credential-query";
import { compileMappingRules } from "@/lib/domain/credential-mapping";
import { CREDENTIAL_FORMATS, credentialImporters, isCredentialFormat } from "@/lib/ingest/credentials/registry";
import { unstorablePath } from "@/lib/domain/storable-text";
import { locationOf, type RowError, type RowLocation } from "@/lib/ingest/row-error";
import { linkPendingEvents, rejudgeUsesAfterExpiry } from "./activity-ingest";
import { actorOf, appendAudit, recordAudit } from "./audit";
import { db } from "./db";
import { evaluateAfter } from "./evaluation";
import { env } from "./env";
import { AppError, notFound } from "./errors";
import { fingerprintKey } from "./instance-secrets";
import { InventoryWriter, loadTeamResolver, markMissing, type Change } from "./inventory-writer";
import { currentAgentRuntimes } from "./rule-parameters";
import { currentMappingRules } from "./settings";
import { refuseTokenSourceImport } from "./token-credentials";
import { WritePipeline } from "./write-pipeline";
import { meterUpload } from "./upload-meter";
import { requirePermission, teamScope, type Viewer } from "./viewer";

export type ImportRequest = {
  format: string;
  /** Source name (its case and surrounding spaces aside); defaults to the format name. Re-importing into the same source updates, never duplicates. */
  source?: string;
  fileName: string;
  input: AsyncIterable<Uint8Array>;
  /** Default false: a file with any rejected row is rejected whole, with the report. */
  applyValid?: boolean;
  /** The file is the whole source: credentials it no longer lists are marked missing (none when rows were rejected). */
  fullSync?: boolean;
  via?: "import" | "api";
  /** The run's id (its job's id): a retried job finds the run a previous attempt finished instead of importing twice. */
  runId?: string;
};

const BATCH = 2000;
const MAX_REPORTED_ERRORS = 1000;
class RejectWhole extends Error {}

const SOURCE_NAME_LOCK = 727_004;

/**
 * The source a name means, whatever its case and surrounding spaces ("prod aws" is "Prod AWS"), keeping the spelling
 * it was created with; created if there is none. The unique index on the name is case-sensitive, so two imports
 * creating the same name in different cases at once take turns on a lock instead. A database from before this may
 * hold sources whose names differ only in case: they stay as they are, and a name means the oldest of them.
 */
async function sourceFor(name: string, format: string): Promise<{ id: string; name: string }> {
  const clean = name.trim();
  if (!clean || clean.length > 120) throw new AppError("invalid", "Source name must be 1 to 120 characters", { source: "must be 1 to 120 characters" });
  return db().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SOURCE_NAME_LOCK})`);
    const named = sql`lower(${sources.name}) = lower(${clean})`;
    const [found] = await tx.select({ id: sources.id, name: sources.name, format: sources.format }).from(sources).where(named).orderBy(asc(sources.createdAt), asc(sources.id)).limit(1);
    refuseTokenSourceImport(clean, found?.format ?? null);
    return found ?? (await tx.insert(sources).values({ name: clean, format }).returning({ id: sources.id, name: sources.name }))[0]!;
  });
}

/**
 * Permission: credential:import (engineers: only their teams' credentials). Streams the file through its
 * importer into the inventory in one transaction: nothing is half-written. The run is recorded either way; a file
 * past the upload limit is then refused as too_large (413) rather than answered as a failed run.
 */
export async function importCredentials(viewer: Viewer, request: ImportRequest): Promise<ImportRunDto> {
  requirePermission(viewer, "credential:import");
  if (!isCredentialFormat(request.format)) {
    throw new AppError("invalid", `Unknown format "${request.format}"; use one of ${CREDENTIAL_FORMATS.join(", ")}`, { format: "unknown format" });
  }
  const importer = credentialImporters[request.format];
  // Read before the run is recorded: a missing key is the operator's to fix, not a run that "failed unexpectedly".
  const key = fingerprintKey();
  const source = await sourceFor(request.source ?? request.format, request.format);
  if (request.runId) {
    const [previous] = await db().select({ status: importRuns.status }).from(importRuns).where(eq(importRuns.id, request.runId));
    if (previous && (previous.status === "applied" || previous.status === "rejected")) return getRun(request.runId, viewer);
    // A run left "running" or "failed" belongs to an attempt that died or broke: its transaction rolled back, so
    // the retry starts it over.
    if (previous) await db().delete(importRuns).where(eq(importRuns.id, request.runId));
  }
  const [run] = await db()
    .insert(importRuns)
    .values({
      ...(request.runId ? { id: request.runId } : {}),
      sourceId: source.id,
      format: request.format,
      fileName: request.fileName.slice(0, 255),
      applyValid: request.applyValid ?? false,
      fullSync: request.fullSync ?? false,
      requestedBy: actorOf(viewer).actorLabel,
      requestedByUserId: viewer.via === "cli" ? null : viewer.userId,
    })
    .returning();
  const metered = meterUpload(request.input, env().LEASH_MAX_UPLOAD_MB * 1_048_576);
  const errors: RowError[] = [];
  const tally = { read: 0, rejected: 0, created: 0, updated: 0, unchanged: 0, markedMissing: 0 };
  const report = (e: RowError) => {
    tally.rejected++;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
  };
  // Read before the transaction: on the embedded database a query outside an open transaction would wait for it.
  const mapRecord = compileMappingRules(await currentMappingRules());
  const agentRuntimes = await currentAgentRuntimes();
  let status: "applied" | "rejected" | "failed" = "applied";
  let failure: string | null = null;
  let unexpected: unknown = null;
  let refusal: AppError | null = null;
  try {
    await db().transaction(async (tx) => {
      const change: Change = { kind: request.via ?? "import", by: actorOf(viewer).actorLabel, userId: viewer.via === "cli" ? null : viewer.userId, importRunId: run!.id, at: new Date() };
      const writer = new InventoryWriter(tx, viewer, source.id, change, mapRecord, await loadTeamResolver(tx));
      const pipeline = new WritePipeline(BATCH, { prepare: (batch: Parameters<InventoryWriter["write"]>[0]) => batch, write: (batch) => writer.write(batch) }, report);
      try {
        for await (const item of importer.parse(metered.stream, { fingerprintKey: key })) {
          tally.read++;
          if ("error" in item) {
            pipeline.reject(item.error);
            continue;
          }
          const unstorable = unstorablePath(item.record);
          if (unstorable) pipeline.reject({ ...locationOf(item), field: unstorable.path, reason: unstorable.reason });
          else await pipeline.add(item);
        }
        await pipeline.finish();
      } catch (error) {
        // The rollback must come after the write in flight: a write still running would otherwise go on issuing
        // statements on a connection already handed back to the pool, outside any transaction.
        await pipeline.abandon();
        throw error;
      }
      Object.assign(tally, writer.counts);
      if (tally.rejected > 0 && !request.applyValid) throw new RejectWhole();
      // A rejected row may be the one listing a stored credential (its id unread, or refused with the row): a file
      // that lost rows does not say what the source no longer holds.
      if (request.fullSync && tally.rejected === 0) tally.markedMissing = await markMissing(tx, viewer, source.id, writer.seen, change);
      await tx.update(sources).set({ lastImportAt: change.at }).where(eq(sources.id, source.id));
      await linkPendingEvents(tx, agentRuntimes);
      await rejudgeUsesAfterExpiry(tx, { importRunId: run!.id });
      await appendAudit(tx, actorOf(viewer), {
        action: "credentials.import",
        targetType: "import_run",
        targetId: run!.id,
        // Exposures scanned before this import registered their credentials, now theirs (exposure-links.ts).
        details: { source: source.name, format: request.format, file: request.fileName, ...tally, exposuresLinked: writer.exposuresLinked },
      });
    });
  } catch (error) {
    Object.assign(tally, { created: 0, updated: 0, unchanged: 0, markedMissing: 0 });
    if (error instanceof RejectWhole) status = "rejected";
    else {
      status = "failed";
      failure = error instanceof AppError ? error.message : "The import failed unexpectedly; nothing was written.";
      if (error instanceof AppError && error.code === "too_large") refusal = error;
      if (!(error instanceof AppError)) {
        unexpected = error;
        console.error(`[leash] import run ${run!.id} failed`, error);
      }
    }
  }
  await db()
    .update(importRuns)
    .set({
      status,
      failure,
      finishedAt: new Date(),
      fileSha256: metered.state.hash.copy().digest("hex"),
      fileBytes: metered.state.bytes,
      rowsRead: tally.read,
      created: tally.created,
      updated: tally.updated,
      unchanged: tally.unchanged,
      rejected: tally.rejected,
      markedMissing: tally.markedMissing,
      errors,
    })
    .where(eq(importRuns.id, run!.id));
  if (status !== "applied") {
    await recordAudit(actorOf(viewer), {
      action: "credentials.import",
      outcome: "failure",
      targetType: "import_run",
      targetId: run!.id,
      details: { source: source.name, format: request.format, file: request.fileName, status, rejected: tally.rejected },
    });
  }
  if (refusal) throw refusal;
  // In a job, an unexpected failure is the job's to retry; the run stays recorded as failed until the retry.
  if (unexpected && request.runId) throw unexpected;
  if (status === "applied") await evaluateAfter({ kind: "import", importRunId: run!.id }, actorOf(viewer).actorLabel);
  return getRun(run!.id, viewer);
}

/**
 * The HTTP status of an import run answered to its request: 201 when applied, 422 when it was rejected or failed
 * (nothing stored), with the same run body and its row errors. A 201 told a client that checks the status alone
 * that a refused file was imported.
 */
export function importRunStatus(run: unknown): number {
  return (run as ImportRunDto).status === "applied" ? 201 : 422;
}

async function getRun(id: string, viewer: Viewer): Promise<ImportRunDto> {
  const [row] = await db()
    .select({ run: importRuns, sourceName: sources.name })
    .from(importRuns)
    .innerJoin(sources, eq(sources.id, importRuns.sourceId))
    .where(eq(importRuns.id, id));
  if (!row) throw notFound("Import run");
  return { ...toImportRunDto(row.run, row.sourceName), unknownTeams: await unknownTeamsOf(row.run.sourceId, viewer) };
}

/**
 * The team names a source's credentials state that match no Leash team (loadTeamResolver found none), most
 * credentials first. Only for those who see every team: an engineer's import cannot write such a credential, and
 * the names others' rows state are not theirs to read.
 */
async function unknownTeamsOf(sourceId: string, viewer: Viewer): Promise<{ name: string; credentials: number }[]> {
  if (teamScope(viewer) !== "all") return [];
  return db()
    .select({ name: sql<string>`${credentials.team}`, credentials: sql<number>`count(*)::int` })
    .from(credentials)
    .where(and(eq(credentials.sourceId, sourceId), isNull(credentials.teamId), isNotNull(credentials.team)))
    .groupBy(credentials.team)
    .orderBy(sql`count(*) desc`, credentials.team)
    .limit(UNKNOWN_TEAMS_SHOWN);
}
const UNKNOWN_TEAMS_SHOWN = 20;

function toImportRunDto(run: typeof importRuns.$inferSelect, sourceName: string): ImportRunDto {
  return {
    id: run.id,
    source: { id: run.sourceId, name: sourceName },
    format: run.format,
    fileName: run.fileName,
    fileSha256: run.fileSha256,
    fileBytes: run.fileBytes,
    status: run.status,
    applyValid: run.applyValid,
    fullSync: run.fullSync,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    counts: { read: run.rowsRead, created: run.created, updated: run.updated, unchanged: run.unchanged, rejected: run.rejected, markedMissing: run.markedMissing },
    errors: run.errors,
    failure: run.failure,
    requestedBy: run.requestedBy,
    outcomesRecorded: run.outcomesRecorded,
  };
}

/** Permission: credential:read. Engineers see the runs they started; admins and auditors see all. */
export async function listImportRuns(viewer: Viewer, limit = 50): Promise<ImportRunDto[]> {
  requirePermission(viewer, "credential:read");
  const mine = viewer.role === "engineer" ? eq(importRuns.requestedByUserId, viewer.userId) : undefined;
  const rows = await db()
    .select({ run: importRuns, sourceName: sources.name })
    .from(importRuns)
    .innerJoin(sources, eq(sources.id, importRuns.sourceId))
    .where(mine)
    .orderBy(desc(importRuns.startedAt))
    .limit(Math.min(Math.max(limit, 1), 200));
  return rows.map((r) => toImportRunDto(r.run, r.sourceName));
}

/** Permission: credential:read. Another engineer's run is not found. */
export async function getImportRun(viewer: Viewer, id: string): Promise<ImportRunDto> {
  requirePermission(viewer, "credential:read");
  const [row] = await db().select({ by: importRuns.requestedByUserId }).from(importRuns).where(eq(importRuns.id, id));
  if (!row || (viewer.role === "engineer" && row.by !== viewer.userId)) throw notFound("Import run");
  return getRun(id, viewer);
}


export type ImportPreview = {
  items: (RowLocation & ({ record: Record<string, unknown> } | { error: RowError }))[];
  truncated: boolean;
};

/**
 * Permission: credential:import. Parses the first rows of a file and applies the mapping rules, writing nothing,
 * so a person can check the column mapping before importing.
 */
export async function previewImport(viewer: Viewer, request: { format: string; input: AsyncIterable<Uint8Array>; limit?: number }): Promise<ImportPreview> {
  requirePermission(viewer, "credential:import");
  if (!isCredentialFormat(request.format)) {
    throw new AppError("invalid", `Unknown format "${request.format}"; use one of ${CREDENTIAL_FORMATS.join(", ")}`, { format: "unknown format" });
  }
  const limit = Math.min(Math.max(request.limit ?? 20, 1), 100);
  const mapRecord = compileMappingRules(await currentMappingRules());
  const items: ImportPreview["items"] = [];
  const metered = meterUpload(request.input, env().LEASH_MAX_UPLOAD_MB * 1_048_576);
  for await (const item of credentialImporters[request.format].parse(metered.stream, { fingerprintKey: fingerprintKey() })) {
    if (items.length === limit) return { items, truncated: true };
    items.push("error" in item ? item : { ...locationOf(item), record: mapRecord(item.record).record as unknown as Record<string, unknown> });
  }
  return { items, truncated: false };
}
