import "server-only";
import { eq, or, sql, type SQL } from "drizzle-orm";
import { activityEvents, approvals as approvalsTable, credentials, ingestRuns } from "@/db/schema";
import type { ActivityEvent, CredentialRef, EventFormat } from "@/lib/domain/activity-event";
import { eventFormats } from "@/lib/domain/activity-event";
import type { CredentialFieldName } from "@/lib/domain/credential";
import { flagEvent, type CredentialFacts } from "@/lib/domain/activity-event-flags";
import { everyLineRejected } from "@/lib/domain/activity-query";
import type { HeldApproval } from "@/lib/domain/approval";
import { attribute, parseEvents, type AgentRuntime, type AttributionContext, type AttributionInput, type NormalizeContext, type ParseOptions } from "@/lib/ingest/events";
import { rejectLine, type LineCounts, type RowError } from "@/lib/ingest/row-error";
import { clearFlagsCoveredByApprovalsSince } from "./approval-coverage";
import { actorOf, recordAudit } from "./audit";
import { bulkInsert, copyRows } from "./bulk-insert";
import { encodeRows, JsonText, type EncodedRows } from "./copy-text";
import { db } from "./db";
import { currentAgentRuntimes } from "./rule-parameters";
import { evaluateAfter } from "./evaluation";
import { env } from "./env";
import { heldApprovals, heldOfRow, RECORDING_ORDER } from "./held-approvals";
import { AppError, isUniqueViolation } from "./errors";
import { currentEnvironmentRules } from "./settings";
import { meterUpload } from "./upload-meter";
import type { Tx } from "./inventory-writer";
import { WritePipeline } from "./write-pipeline";
import { isoText, rowsOf, textArray } from "./sql-rows";
import { requirePermission, type Viewer } from "./viewer";

export type IngestReport = LineCounts & {
  runId: string;
  format: EventFormat;
  status: "completed" | "failed";
  failure: string | null;
};

/**
 * The HTTP status of an ingest's report (of events or approvals): 422 when every line was rejected (nothing stored),
 * with the same body.
 */
export function ingestReportStatus(report: unknown): number {
  return everyLineRejected(report as LineCounts) ? 422 : 200;
}

export type IngestRequest = {
  format: string;
  fileName: string;
  input: AsyncIterable<Uint8Array>;
  options?: Pick<ParseOptions, "logLinePrefix" | "scope">;
  /** The run's id (its job's id): a retried job finds the run a previous attempt finished, or carries it on. */
  runId?: string;
};

const BATCH = 1000;

type KnownCredential = { id: string; teamId: string | null; facts: CredentialFacts };

/** Looks up the credentials a batch of events names, by public key id, fingerprint or external id, in one query. */
async function resolveCredentials(events: ActivityEvent[]): Promise<(ref: CredentialRef | null) => KnownCredential | undefined> {
  const keyIds = new Set<string>();
  const fingerprints = new Set<string>();
  const externalIds = new Set<string>();
  for (const e of events) {
    if (e.credential?.keyId) keyIds.add(e.credential.keyId);
    if (e.credential?.fingerprint) fingerprints.add(e.credential.fingerprint);
    if (e.credential?.externalId) externalIds.add(e.credential.externalId);
  }
  // Each list is one parameter, however many ids a batch names.
  const match: SQL[] = [];
  if (keyIds.size) match.push(sql`${credentials.publicId} = any(${textArray([...keyIds])})`);
  if (fingerprints.size) match.push(sql`${credentials.fingerprint} = any(${textArray([...fingerprints])})`);
  if (externalIds.size) match.push(sql`${credentials.externalId} = any(${textArray([...externalIds])})`);
  const rows = match.length
    ? await db()
        .select({
          id: credentials.id,
          teamId: credentials.teamId,
          publicId: credentials.publicId,
          fingerprint: credentials.fingerprint,
          externalId: credentials.externalId,
          environments: credentials.environments,
          expiresAt: credentials.expiresAt,
          revokedAt: credentials.revokedAt,
          principalType: credentials.principalType,
        })
        .from(credentials)
        .where(or(...match))
    : [];
  const byKey = new Map<string, KnownCredential>();
  for (const r of rows) {
    const known: KnownCredential = {
      id: r.id,
      teamId: r.teamId,
      facts: { id: r.id, environments: r.environments ?? [], expiresAt: r.expiresAt, revokedAt: r.revokedAt, principalType: r.principalType },
    };
    if (r.publicId) byKey.set(`k:${r.publicId}`, known);
    if (r.fingerprint) byKey.set(`f:${r.fingerprint}`, known);
    byKey.set(`x:${r.externalId}`, known);
  }
  return (ref) =>
    ref ? (byKey.get(`k:${ref.keyId}`) ?? byKey.get(`f:${ref.fingerprint}`) ?? byKey.get(`x:${ref.externalId}`)) : undefined;
}

/** What judging an event reads besides its credential: the observed fields attribution takes, and those the flags take. */
type JudgedEvent = AttributionInput & Pick<ActivityEvent, "occurredAt" | "resourceEnvironment" | "destructive" | "operation" | "rawOperation" | "resource">;

/**
 * Who acted, and the flags, for an event whose credential has been looked up (found or not). The one judgement of
 * an ingest and of the late linking of an event whose credential is imported after it, so an event is judged the
 * same whichever came first.
 */
function judge(event: JudgedEvent, credential: CredentialFacts | null, agentRuntimes: readonly AgentRuntime[] | undefined, approvals: readonly HeldApproval[]) {
  const who = attribute(event, { agentRuntimes, principalTypeOf: () => (credential ? credential.principalType : undefined) });
  const flags = flagEvent(
    { occurredAt: event.occurredAt, resourceEnvironment: event.resourceEnvironment, actorType: who.actorType, destructive: event.destructive, operation: event.operation, rawOperation: event.rawOperation, resource: event.resource },
    credential,
    approvals,
  );
  return {
    actorType: who.actorType,
    attributionReason: who.reason,
    onBehalfOf: who.onBehalfOf ?? null,
    agentName: who.agentName ?? null,
    crossEnv: flags.crossEnv.flagged,
    afterExpiry: flags.afterExpiry.flagged,
    unapprovedDestructive: flags.unapprovedDestructive.flagged,
    flagged: flags.crossEnv.flagged || flags.afterExpiry.flagged || flags.unapprovedDestructive.flagged,
    flagReasons: { crossEnv: flags.crossEnv.reason, afterExpiry: flags.afterExpiry.reason, unapprovedDestructive: flags.unapprovedDestructive.reason },
  };
}

/** Judges an event with its credential as looked up, and shapes the row. */
function toRow(e: ActivityEvent, known: KnownCredential | undefined, agentRuntimes: readonly AgentRuntime[] | undefined, approvals: HeldApproval[], runId: string) {
  const judged = judge(e, known?.facts ?? null, agentRuntimes, approvals);
  return {
    ingestKey: e.ingestKey,
    ingestRunId: runId,
    format: e.format,
    sourceEventId: e.sourceEventId ?? null,
    occurredAt: new Date(e.occurredAt),
    credentialId: known?.id ?? null,
    teamId: known?.teamId ?? null,
    credentialKeyId: e.credential?.keyId ?? null,
    credentialFingerprint: e.credential?.fingerprint ?? null,
    credentialExternalId: e.credential?.externalId ?? null,
    actor: e.actor,
    actorType: judged.actorType,
    attributionReason: judged.attributionReason,
    onBehalfOf: judged.onBehalfOf,
    agentName: judged.agentName,
    operation: e.operation,
    rawOperation: e.rawOperation,
    destructive: e.destructive,
    destructiveReason: e.destructiveReason,
    resource: e.resource,
    resourceEnvironment: e.resourceEnvironment,
    environmentReason: e.environmentReason,
    outcome: e.outcome,
    origin: e.origin as Record<string, string>,
    approvalRef: e.approvalRef,
    crossEnv: judged.crossEnv,
    afterExpiry: judged.afterExpiry,
    unapprovedDestructive: judged.unapprovedDestructive,
    flagged: judged.flagged,
    flagReasons: judged.flagReasons,
    payload: new JsonText(payloadJson(e)),
  };
}

/**
 * The normalized fields are columns already; the payload keeps what the source sent (and the statement) for the
 * event page, in the source's own JSON text where the parser kept it, and what attribution reads beyond the columns
 * (tags, session, the fields the source stated), to judge the event again when its credential is imported later.
 */
function payloadJson(e: ActivityEvent): string {
  const statement = e.statement !== undefined ? `,"statement":${JSON.stringify(e.statement)}` : "";
  const errorCode = e.errorCode !== undefined ? `,"errorCode":${JSON.stringify(e.errorCode)}` : "";
  const raw = e.rawJson ?? JSON.stringify(e.raw ?? null);
  return `{"raw":${raw}${statement}${errorCode},"tags":${JSON.stringify(e.tags)},"session":${JSON.stringify(e.session)},"explicit":${JSON.stringify(e.explicit)},"scope":${JSON.stringify(e.scope)}}`;
}

/** What every batch of one ingest run shares. */
type RunContext = {
  runId: string;
  approvals: HeldApproval[];
  normalize: NormalizeContext;
  /**
   * Whether a batch first asks which of its events are stored already. A new log, the usual case, stops asking
   * after its first batch; a COPY that meets a stored event starts it again, so a re-sent file is not written
   * batch after batch only to learn that.
   */
  askStored: boolean;
};

function runContext(runId: string, approvals: HeldApproval[], normalize: NormalizeContext): RunContext {
  return { runId, approvals, normalize, askStored: true };
}

type PreparedBatch = { rows: EncodedRows<typeof activityEvents>; duplicate: number };

/**
 * Shapes a batch into encoded rows: events already stored (when asked), or repeated within the batch, left out
 * (counted as duplicates); the credentials it names looked up, each event judged with its own.
 */
async function prepareBatch(batch: ActivityEvent[], run: RunContext): Promise<PreparedBatch> {
  const [lookup, stored] = await Promise.all([
    resolveCredentials(batch),
    run.askStored
      ? rowsOf<{ ingest_key: string }>(db(), sql`select ingest_key from activity_events where ingest_key = any(${textArray(batch.map((e) => e.ingestKey))})`)
      : [],
  ]);
  if (stored.length === 0) run.askStored = false;
  const seen = new Set(stored.map((r) => r.ingest_key));
  const rows = [];
  for (const event of batch) {
    if (seen.has(event.ingestKey)) continue;
    seen.add(event.ingestKey);
    rows.push(toRow(event, lookup(event.credential), run.normalize.attribution?.agentRuntimes, run.approvals, run.runId));
  }
  return { rows: encodeRows(activityEvents, rows), duplicate: batch.length - rows.length };
}

/**
 * Writes one prepared batch in its own transaction, with one COPY straight into the table. An event stored before
 * (not asked about, or stored since the batch was prepared: a repeat of one in the batch before, still being written
 * then, or the same file sent twice at once) fails the COPY on its ingest key; the batch is then written again,
 * skipping what is stored by then.
 */
async function writeBatch({ rows, duplicate }: PreparedBatch, run: RunContext): Promise<{ accepted: number; duplicate: number }> {
  if (rows.count === 0) return { accepted: 0, duplicate };
  try {
    return { accepted: await db().transaction((tx) => copyRows(tx, rows)), duplicate };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    run.askStored = true;
    const inserted = await db().transaction((tx) => bulkInsert(tx, activityEvents, rows, sql`1`, sql`on conflict (ingest_key) do nothing`));
    return { accepted: inserted.length, duplicate: duplicate + rows.count - inserted.length };
  }
}

/** Permission: activity:ingest. Stores events already normalized elsewhere (the demo generator), as one run. */
export async function storeNormalizedEvents(viewer: Viewer, events: ActivityEvent[], label: string): Promise<{ accepted: number; duplicate: number }> {
  requirePermission(viewer, "activity:ingest");
  const [run] = await db()
    .insert(ingestRuns)
    .values({ format: events[0]?.format ?? "leash-ndjson", fileName: label, requestedBy: actorOf(viewer).actorLabel, status: "completed", finishedAt: new Date() })
    .returning({ id: ingestRuns.id });
  const ctx = { environmentRules: await currentEnvironmentRules(), attribution: { agentRuntimes: await currentAgentRuntimes() } };
  const runCtx = runContext(run!.id, await heldApprovals(), ctx);
  const total = { accepted: 0, duplicate: 0 };
  for (let i = 0; i < events.length; i += BATCH) {
    const stored = await writeBatch(await prepareBatch(events.slice(i, i + BATCH), runCtx), runCtx);
    total.accepted += stored.accepted;
    total.duplicate += stored.duplicate;
  }
  await db().update(ingestRuns).set({ accepted: total.accepted, duplicate: total.duplicate }).where(eq(ingestRuns.id, run!.id));
  if (total.accepted) {
    await clearFlagsCoveredByApprovalsSince(runCtx.approvals);
    await evaluateAfter({ kind: "ingest", ingestRunId: run!.id }, actorOf(viewer).actorLabel);
  }
  return total;
}

export function isEventFormat(format: string): format is EventFormat {
  return (eventFormats as readonly string[]).includes(format);
}

/**
 * Permission: activity:ingest. Streams a log through its parser into activity events, in batches each committed
 * on its own: a failure mid-file keeps what was committed, and re-sending the file completes it without
 * duplicates (the ingest key is unique). A file past the upload limit is recorded as a failed run, then refused
 * as too_large (413).
 */
export async function ingestEvents(viewer: Viewer, request: IngestRequest): Promise<IngestReport> {
  requirePermission(viewer, "activity:ingest");
  if (!isEventFormat(request.format)) {
    throw new AppError("invalid", `Unknown format "${request.format}"; use one of ${eventFormats.join(", ")}`, { format: "unknown format" });
  }
  const format = request.format;
  const [previous] = request.runId ? await db().select().from(ingestRuns).where(eq(ingestRuns.id, request.runId)) : [];
  if (previous?.status === "completed") return reportOf(previous);
  // A run left "running" or "failed" belongs to an attempt that died or broke; its committed batches stay, and
  // re-reading the file stores only the rest (the ingest key is unique).
  const runId = previous
    ? previous.id
    : (await db()
        .insert(ingestRuns)
        .values({ ...(request.runId ? { id: request.runId } : {}), format, fileName: request.fileName.slice(0, 255), requestedBy: actorOf(viewer).actorLabel, requestedByUserId: viewer.via === "cli" ? null : viewer.userId })
        .returning({ id: ingestRuns.id }))[0]!.id;
  const metered = meterUpload(request.input, env().LEASH_MAX_EVENT_UPLOAD_MB * 1_048_576);
  const environmentRules = await currentEnvironmentRules();
  // Every event is judged again with its credential as looked up before it is stored (judge); parsing attributes as
  // if none were known.
  const attribution: AttributionContext = { agentRuntimes: await currentAgentRuntimes(), principalTypeOf: () => undefined };
  const ctx = { environmentRules, attribution };
  const run = runContext(runId, await heldApprovals(), ctx);
  const report: IngestReport = { runId, format, accepted: 0, duplicate: 0, rejected: 0, errors: [], status: "completed", failure: null };
  const reject = (error: RowError) => rejectLine(report, error);
  let unexpected: unknown = null;
  const pipeline = new WritePipeline(
    BATCH,
    {
      prepare: (batch: ActivityEvent[]) => prepareBatch(batch, run),
      write: async (rows) => {
        const stored = await writeBatch(rows, run);
        report.accepted += stored.accepted;
        report.duplicate += stored.duplicate;
        return [];
      },
    },
    reject,
  );
  let refusal: AppError | null = null;
  // A fatal error (corrupt or truncated gzip, the decompressed-size limit, a header or log_line_prefix that cannot
  // be read) ends the stream: the rest of the file was never read, so the run did not complete.
  let stoppedAt: RowError | null = null;
  try {
    for await (const item of parseEvents(format, metered.stream, { ...request.options, environmentRules, attribution })) {
      if ("error" in item) {
        pipeline.reject(item.error);
        if (item.fatal) stoppedAt = item.error;
      } else await pipeline.add(item.event);
    }
    await pipeline.finish();
    if (stoppedAt) {
      report.status = "failed";
      report.failure = `Reading stopped at line ${stoppedAt.line}: ${stoppedAt.reason}. Events before it are kept; fix the file and send it again to complete it.`;
    }
  } catch (error) {
    // Batches are committed one by one, so the run reports what was committed before the failure.
    await pipeline.abandon();
    report.status = "failed";
    report.failure = error instanceof AppError ? error.message : "The ingest stopped unexpectedly; events committed before it are kept. Re-send the file to complete it.";
    if (error instanceof AppError && error.code === "too_large") refusal = error;
    if (!(error instanceof AppError)) {
      unexpected = error;
      console.error(`[leash] ingest run ${runId} failed`, error);
    }
  }
  await db()
    .update(ingestRuns)
    .set({ status: report.status, failure: report.failure, finishedAt: new Date(), fileSha256: metered.state.hash.digest("hex"), fileBytes: metered.state.bytes, accepted: report.accepted, duplicate: report.duplicate, rejected: report.rejected, errors: report.errors })
    .where(eq(ingestRuns.id, runId));
  await recordAudit(actorOf(viewer), {
    action: "activity.ingest",
    outcome: report.status === "completed" ? "success" : "failure",
    targetType: "ingest_run",
    targetId: runId,
    details: { format, file: request.fileName, accepted: report.accepted, duplicate: report.duplicate, rejected: report.rejected },
  });
  // Events committed before a failure are stored, so they are caught up and evaluated either way.
  if (report.accepted) {
    await clearFlagsCoveredByApprovalsSince(run.approvals);
    await evaluateAfter({ kind: "ingest", ingestRunId: runId }, actorOf(viewer).actorLabel);
  }
  if (refusal) throw refusal;
  // In a job, an unexpected failure is the job's to retry (it carries this run on).
  if (unexpected && request.runId) throw unexpected;
  return report;
}

function reportOf(run: typeof ingestRuns.$inferSelect): IngestReport {
  return { runId: run.id, format: run.format, accepted: run.accepted, duplicate: run.duplicate, rejected: run.rejected, errors: run.errors, status: run.status === "failed" ? "failed" : "completed", failure: run.failure };
}

type PendingLink = {
  id: number;
  occurred_at: Date | string;
  resource_environment: ActivityEvent["resourceEnvironment"];
  resource: string | null;
  operation: ActivityEvent["operation"];
  raw_operation: string;
  destructive: boolean;
  actor: string | null;
  origin: ActivityEvent["origin"];
  tags: ActivityEvent["tags"];
  session: ActivityEvent["session"];
  explicit: ActivityEvent["explicit"];
  credential_key_id: string | null;
  credential_fingerprint: string | null;
  credential_external_id: string | null;
  credential_id: string;
  team_id: string | null;
  environments: string[] | null;
  expires_at: Date | string | null;
  revoked_at: Date | string | null;
  principal_type: CredentialFacts["principalType"];
};

const LINK_BATCH = 1000;

/**
 * Links events that named a credential before it was imported (called after each credential import, in its
 * transaction), and judges them as the ingest would have had the credential been known (judge, with the observed
 * fields the row and its payload keep). Batches of events in id order, so a large backlog stays flat in memory.
 * `agentRuntimes` are read by the caller: the import's transaction holds the embedded database's one connection.
 */
export async function linkPendingEvents(tx: Tx, agentRuntimes: readonly AgentRuntime[]): Promise<void> {
  const approvals = (await tx.select().from(approvalsTable).orderBy(...RECORDING_ORDER)).map(heldOfRow);
  let after = 0;
  for (;;) {
    const pending = await rowsOf<PendingLink>(
      tx,
      sql`
        select distinct on (e.id) e.id, e.occurred_at, e.resource_environment, e.resource, e.operation, e.raw_operation, e.destructive,
          e.actor, e.origin, e.payload->'tags' as tags, e.payload->'session' as session, e.payload->'explicit' as explicit,
          e.credential_key_id, e.credential_fingerprint, e.credential_external_id,
          c.id as credential_id, c.team_id, c.environments, c.expires_at, c.revoked_at, c.principal_type
        from activity_events e
        join credentials c on
          (e.credential_key_id is not null and c.public_id = e.credential_key_id) or
          (e.credential_fingerprint is not null and c.fingerprint = e.credential_fingerprint) or
          (e.credential_external_id is not null and c.external_id = e.credential_external_id)
        where e.credential_id is null and e.id > ${after}
        order by e.id
        limit ${LINK_BATCH}`,
    );
    if (pending.length === 0) return;
    after = Number(pending.at(-1)!.id);
    const updates = pending.map((p) => relinked(p, agentRuntimes, approvals));
    await tx.execute(sql`
      update activity_events e set credential_id = x."credentialId", team_id = x."teamId", actor_type = x."actorType"::actor_type,
        attribution_reason = x."attributionReason", on_behalf_of = x."onBehalfOf", agent_name = x."agentName",
        cross_env = x."crossEnv", after_expiry = x."afterExpiry", unapproved_destructive = x."unapprovedDestructive",
        flagged = x.flagged, flag_reasons = x."flagReasons"::json
      from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as x(id bigint, "credentialId" uuid, "teamId" uuid, "actorType" text,
        "attributionReason" text, "onBehalfOf" text, "agentName" text, "crossEnv" boolean, "afterExpiry" boolean, "unapprovedDestructive" boolean,
        flagged boolean, "flagReasons" jsonb)
      where e.id = x.id and e.credential_id is null`);
    if (pending.length < LINK_BATCH) return;
  }
}

/** The credential fields the after-expiry flag depends on. */
export const AFTER_EXPIRY_FIELDS: readonly CredentialFieldName[] = ["expires_at", "revoked_at"];

/**
 * Judges again, as afterExpiry() would with the credential as it now stands (as ingest and linking judge), whether
 * each use of the credentials whose expiry or revocation just changed came after it: a later or cleared date unflags
 * the uses it no longer covers, an earlier one flags those it now does, and the reason names the date as it now
 * stands: the dates last stated hold for every use, as R18 judges them (evaluator/world.ts). Called in the
 * transaction of the change (an import's after linkPendingEvents, which judges the events it links). The reasons are
 * afterExpiry()'s wording, written in SQL so a credential with many uses is one statement;
 * activity-expiry-flags.test.ts holds the two to the same words and to R18's verdicts. Only a use flagged now, or at
 * or after one of the dates as they now stand (least() skips a null), can read differently, so a credential's earlier
 * uses are not read. The other flags and their reasons stay as they are.
 */
export async function rejudgeUsesAfterExpiry(tx: Tx, changed: { importRunId: string } | { credentialId: string }): Promise<void> {
  const credentialIds =
    "importRunId" in changed
      ? sql`select credential_id from credential_versions where import_run_id = ${changed.importRunId}::uuid and changed_fields && ${textArray(AFTER_EXPIRY_FIELDS)}`
      : sql`select ${changed.credentialId}::uuid`;
  const usedAt = sql`'credential ' || u.credential_id || ' was used at ' || ${isoText(sql`u.occurred_at`)}`;
  await tx.execute(sql`
    update activity_events e set after_expiry = j.after_expiry, flagged = e.cross_env or j.after_expiry or e.unapproved_destructive,
      flag_reasons = jsonb_set(e.flag_reasons::jsonb, '{afterExpiry}', to_jsonb(j.reason))::json
    from (
      select u.id, u.revoked or u.expired as after_expiry,
        case
          when u.revoked then ${usedAt} || ', after its revocation at ' || ${isoText(sql`u.revoked_at`)}
          when u.expired then ${usedAt} || ', after it expired at ' || ${isoText(sql`u.expires_at`)}
          else 'the credential was valid at the event''s time'
        end as reason
      from (
        select e.id, e.occurred_at, c.id as credential_id, c.revoked_at, c.expires_at,
          coalesce(e.occurred_at >= c.revoked_at, false) as revoked, coalesce(e.occurred_at >= c.expires_at, false) as expired
        from activity_events e join credentials c on c.id = e.credential_id
        where c.id in (${credentialIds}) and (e.after_expiry or e.occurred_at >= least(c.revoked_at, c.expires_at))
      ) u
    ) j
    where e.id = j.id and (e.after_expiry <> j.after_expiry or e.flag_reasons->>'afterExpiry' is distinct from j.reason)`);
}

/** One pending event judged with its credential now known. */
function relinked(p: PendingLink, agentRuntimes: readonly AgentRuntime[], approvals: HeldApproval[]) {
  const credential: CredentialRef = {
    ...(p.credential_key_id ? { keyId: p.credential_key_id } : {}),
    ...(p.credential_fingerprint ? { fingerprint: p.credential_fingerprint } : {}),
    ...(p.credential_external_id ? { externalId: p.credential_external_id } : {}),
  };
  const event: JudgedEvent = {
    explicit: p.explicit,
    tags: p.tags,
    origin: p.origin,
    session: p.session,
    credential,
    actor: p.actor,
    occurredAt: new Date(p.occurred_at).toISOString(),
    resourceEnvironment: p.resource_environment,
    destructive: p.destructive,
    operation: p.operation,
    rawOperation: p.raw_operation,
    resource: p.resource,
  };
  const facts: CredentialFacts = { id: p.credential_id, environments: p.environments ?? [], expiresAt: p.expires_at, revokedAt: p.revoked_at, principalType: p.principal_type };
  return { id: Number(p.id), credentialId: p.credential_id, teamId: p.team_id, ...judge(event, facts, agentRuntimes, approvals) };
}
