import "server-only";
import { count, inArray, sql } from "drizzle-orm";
import { approvals as approvalsTable, memberships, teams, users } from "@/db/schema";
import { DEMO_ACTIVITY_CREDENTIALS, demoCredentials, pocketOsTokenValue } from "@/db/seed/demo-credentials";
import { fingerprintSecret } from "@/lib/scanner/fingerprint";
import { redactPreview } from "@/lib/scanner/redact";
import { createCorpus } from "./corpora";
import { fingerprintKey } from "./instance-secrets";
import { instanceKeyCheck, recordScan, SCANNER_VERSION } from "./scans";
import { demoEnvironmentRules, generateDemoActivity, type DemoActivity } from "@/lib/ingest/events";
import { storeNormalizedEvents } from "./activity-ingest";
import { createApproval } from "./approvals";
import { setEnvironmentRules } from "./settings";
import { appendAudit } from "./audit";
import { systemViewer } from "./cli-viewer";
import { importCredentials } from "./imports";
import { db } from "./db";
import { rowsOf } from "./sql-rows";
import { runFullEvaluation } from "./evaluation";
import { runEvaluation } from "./evaluator/run";
import { DEMO_PASSWORD, demoTeams, demoUsers } from "./demo-users";
import { hashPassword } from "./passwords";
import { DAY_MS } from "@/lib/domain/utc-days";

export async function isEmptyWorkspace(): Promise<boolean> {
  const [row] = await db().select({ n: count() }).from(users);
  return Number(row?.n ?? 0) === 0;
}

const system = { actorType: "system" as const, actorId: null, actorLabel: "leash seed demo", ip: null, requestId: null };

/** The demo workspace: teams, one user per role, and the demo company's credential inventory. */
export async function seedDemoWorkspace(): Promise<void> {
  // `leash seed demo --force` may add the demo to a workspace that holds data: its history is left alone, and the
  // demo then loads at the present.
  const writeHistory = await holdsNoData();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db().transaction(async (tx) => {
    const teamRows = await tx
      .insert(teams)
      .values(demoTeams.map((name) => ({ name, slug: name.toLowerCase() })))
      .onConflictDoNothing()
      .returning();
    const teamId = new Map(teamRows.map((t) => [t.name, t.id]));
    for (const user of demoUsers) {
      const [row] = await tx
        .insert(users)
        .values({ email: user.email, name: user.name, role: user.role, passwordHash })
        .onConflictDoNothing()
        .returning({ id: users.id });
      if (!row) continue;
      const ids = user.teams.map((name) => teamId.get(name)).filter((id): id is string => Boolean(id));
      if (ids.length) await tx.insert(memberships).values(ids.map((id) => ({ userId: row.id, teamId: id })));
    }
    await appendAudit(tx, system, { action: "workspace.seed_demo", details: { teams: demoTeams.length, users: demoUsers.length } });
  });
  const now = new Date();
  const activity = generateDemoActivity({ seed: 2026, end: now, credentials: DEMO_ACTIVITY_CREDENTIALS });
  await importDemoInventory(demoCredentials(now.getTime()), activity.start);
  const { start, incidentAt } = await seedDemoActivity(activity);
  await seedDemoScan();
  if (writeHistory) await writeDemoMonth(start, new Date(incidentAt.getTime() - 2 * DAY_MS), incidentAt);
  await runFullEvaluation(systemViewer("leash seed demo"), "seed");
}

/**
 * The inventory as the demo company imported it: what existed when the month began, then, in a second run of the
 * same source, with the credentials created since (dated when the newest of them appeared: backdateDemoHistory).
 */
async function importDemoInventory(records: Record<string, unknown>[], start: Date): Promise<void> {
  const existing = records.filter((r) => Date.parse(String(r.created_at)) <= start.getTime());
  for (const inventory of existing.length < records.length ? [existing, records] : [records]) {
    const run = await importCredentials(systemViewer("leash seed demo"), {
      format: "leash-json",
      source: "demo-inventory",
      fileName: "demo-inventory.json",
      input: (async function* () {
        yield new TextEncoder().encode(JSON.stringify(inventory));
      })(),
    });
    if (run.status !== "applied") throw new Error(`demo inventory did not import: ${run.failure ?? JSON.stringify(run.errors.slice(0, 3))}`);
  }
}

/** Nothing recorded yet, so every row the seed writes is the demo's own and may be dated into the past. */
async function holdsNoData(): Promise<boolean> {
  const [row] = await rowsOf<{ any: boolean }>(db(), sql`select exists (select 1 from credentials) or exists (select 1 from activity_events)
    or exists (select 1 from corpora) or exists (select 1 from evaluation_runs) as any`);
  return row?.any === false;
}

/**
 * The demo's month as history: what Leash knew is dated across it (backdateDemoHistory), then the evaluations Leash
 * would have run are replayed — weekly, an hour after the runbook scan, a day after it (when the exposure outlived
 * its 24-hour SLA) and the minutes after the nine seconds (the ingest's own evaluation) — so findings are detected
 * when they first failed and fall due from then. The import, ingest and scan were each evaluated at once, at the present; those
 * results go first, so the month is written in order.
 */
async function writeDemoMonth(start: Date, scannedAt: Date, incidentAt: Date): Promise<void> {
  await backdateDemoHistory(start, scannedAt);
  await db().transaction(async (tx) => {
    await tx.execute(sql`delete from findings`);
    await tx.execute(sql`delete from subject_verdicts`);
    await tx.execute(sql`delete from evaluation_runs`);
  });
  const replays = [1, 8, 15, 22]
    .map((day) => start.getTime() + day * DAY_MS)
    .concat(scannedAt.getTime() + 3_600_000, scannedAt.getTime() + DAY_MS + 3_600_000, incidentAt.getTime() + 2 * 60_000)
    .filter((at) => at < Date.now());
  for (const at of replays.sort((a, b) => a - b)) await runEvaluation({ scope: "full" }, "seed", "leash seed demo", new Date(at));
}

/**
 * The demo tells thirty days, so what Leash knew is dated across them rather than at the moment the demo was
 * loaded — posture as of a past day, the trend and a Type II period read it: each inventory import when the newest
 * credential it added appeared (the first when the activity starts), its credentials known from that import on, the
 * corpora registered when the activity starts, each event reached Leash a minute after it happened, and the
 * runbooks were scanned at `scannedAt`, two days before the nine seconds: the exposure was known, and the token was
 * left as it was. Only on a workspace that held nothing before the seed (every row is the demo's); the audit log,
 * which records the seeding itself, keeps its real times.
 */
async function backdateDemoHistory(start: Date, scannedAt: Date): Promise<void> {
  const from = sql`${start.toISOString()}::timestamptz`;
  const scanned = sql`${scannedAt.toISOString()}::timestamptz`;
  await db().transaction(async (tx) => {
    // To the millisecond, as versions keep their instants: a credential is known from exactly its import's end.
    await tx.execute(sql`update import_runs r set started_at = x.at, finished_at = x.at + date_trunc('milliseconds', r.finished_at - r.started_at)
      from (select ir.id, greatest(${from}, max(c.created_at)) as at from import_runs ir
        left join credential_versions v on v.import_run_id = ir.id and v.version = 1
        left join credentials c on c.id = v.credential_id group by ir.id) x
      where x.id = r.id`);
    await tx.execute(sql`update credential_versions v set valid_from = coalesce(
        (select r.finished_at from import_runs r where r.id = v.import_run_id),
        greatest(${from}, least(coalesce(c.created_at, ${from}), v.valid_from)))
      from credentials c where c.id = v.credential_id`);
    await tx.execute(sql`update credentials c set recorded_at = v.first, updated_at = v.last
      from (select credential_id, min(valid_from) as first, max(valid_from) as last from credential_versions group by credential_id) v where v.credential_id = c.id`);
    await tx.execute(sql`update sources s set created_at = ${from}, last_import_at = (select max(r.finished_at) from import_runs r where r.source_id = s.id)`);
    await tx.execute(sql`update activity_events set ingested_at = least(occurred_at + interval '1 minute', ingested_at)`);
    await tx.execute(sql`update corpora set created_at = ${from}, last_scan_at = case when last_scan_at is null then null else ${scanned} end`);
    await tx.execute(sql`update scan_runs set started_at = ${scanned} - (finished_at - started_at), finished_at = ${scanned}`);
    await tx.execute(sql`update secret_findings set first_seen_at = ${scanned}, last_seen_at = ${scanned}`);
  });
}

/** The runbook export agents read, scanned: the Railway token is in it, which is how the agent found it. */
async function seedDemoScan(): Promise<void> {
  const viewer = systemViewer("leash seed demo");
  const corpus = await createCorpus(viewer, { name: "Platform runbooks (Notion export)", kind: "docs_export", agentReadable: true, readers: ["Claude Code", "Cursor"] });
  await createCorpus(viewer, { name: "Payments service repo", kind: "git_repo", agentReadable: true, readers: ["Claude Code"] });
  const token = pocketOsTokenValue();
  await recordScan(
    viewer,
    corpus.id,
    {
      scannerVersion: SCANNER_VERSION,
      keyCheck: instanceKeyCheck(),
      // What a CLI scan of a 3.5 MB export takes (the run's duration is shown), not the instant it takes to record one.
      startedAt: new Date(Date.now() - 420).toISOString(),
      stats: { files: 214, bytes: 3_480_112 },
      findings: [
        {
          file: "Platform/Runbooks/Deploying pocket-api.md",
          line: 42,
          column: 24,
          detector: "railway-token",
          kind: "api_token",
          provider: "railway",
          title: "Railway API token",
          confidence: "high",
          severity: "critical",
          entropy: 3.9,
          preview: redactPreview(token),
          fingerprint: fingerprintSecret(token, fingerprintKey()),
          context: { keyPath: "Deploying pocket-api > Step 3: redeploy with the CLI" },
        },
      ],
    },
    "upload",
  );
}

/** Thirty days of activity ending now, with its approvals and environment patterns: ends with the nine seconds. */
async function seedDemoActivity({ events, approvals, start, incidentAt }: DemoActivity): Promise<{ start: Date; incidentAt: Date }> {
  const viewer = systemViewer("leash seed demo");
  await setEnvironmentRules(viewer, { rules: demoEnvironmentRules });
  const ids: string[] = [];
  for (const approval of approvals) ids.push((await createApproval(viewer, approval)).id);
  // The thirty days are history: each approval reached Leash when it was given, not when the demo was loaded (a
  // late one would count only from its recording, see approvalStartsAt).
  await db().update(approvalsTable).set({ createdAt: sql`${approvalsTable.approvedAt}` }).where(inArray(approvalsTable.id, ids));
  await storeNormalizedEvents(viewer, events, "demo activity (30 days)");
  return { start, incidentAt };
}

export function demoBanner(): string {
  const rows = demoUsers.map((u) => `    ${u.role.padEnd(9)} ${u.email}`).join("\n");
  return [
    "",
    "  Leash demo workspace loaded. DEMO ONLY: these accounts share a published password.",
    rows,
    `    password  ${DEMO_PASSWORD}`,
    "",
  ].join("\n");
}
