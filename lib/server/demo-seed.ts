import "server-only";
import { count, inArray, sql } from "drizzle-orm";
import { approvals as approvalsTable, memberships, teams, users } from "@/db/schema";
import { DEMO_ACTIVITY_CREDENTIALS, demoCredentialsJson, pocketOsTokenValue } from "@/db/seed/demo-credentials";
import { fingerprintSecret } from "@/lib/scanner/fingerprint";
import { redactPreview } from "@/lib/scanner/redact";
import { createCorpus } from "./corpora";
import { fingerprintKey } from "./instance-secrets";
import { instanceKeyCheck, recordScan, SCANNER_VERSION } from "./scans";
import { demoEnvironmentRules, generateDemoActivity } from "@/lib/ingest/events";
import { storeNormalizedEvents } from "./activity-ingest";
import { createApproval } from "./approvals";
import { setEnvironmentRules } from "./settings";
import { appendAudit } from "./audit";
import { systemViewer } from "./cli-viewer";
import { importCredentials } from "./imports";
import { db } from "./db";
import { runFullEvaluation } from "./evaluation";
import { DEMO_PASSWORD, demoTeams, demoUsers } from "./demo-users";
import { hashPassword } from "./passwords";

export async function isEmptyWorkspace(): Promise<boolean> {
  const [row] = await db().select({ n: count() }).from(users);
  return Number(row?.n ?? 0) === 0;
}

const system = { actorType: "system" as const, actorId: null, actorLabel: "leash seed demo", ip: null, requestId: null };

/** The demo workspace: teams, one user per role, and the demo company's credential inventory. */
export async function seedDemoWorkspace(): Promise<void> {
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
  const run = await importCredentials(systemViewer("leash seed demo"), {
    format: "leash-json",
    source: "demo-inventory",
    fileName: "demo-inventory.json",
    input: (async function* () {
      yield new TextEncoder().encode(demoCredentialsJson(Date.now()));
    })(),
  });
  if (run.status !== "applied") throw new Error(`demo inventory did not import: ${run.failure ?? JSON.stringify(run.errors.slice(0, 3))}`);
  await seedDemoActivity();
  await seedDemoScan();
  await runFullEvaluation(systemViewer("leash seed demo"), "seed");
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
      startedAt: new Date().toISOString(),
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
async function seedDemoActivity(): Promise<void> {
  const viewer = systemViewer("leash seed demo");
  await setEnvironmentRules(viewer, { rules: demoEnvironmentRules });
  const { events, approvals } = generateDemoActivity({ seed: 2026, end: new Date(), credentials: DEMO_ACTIVITY_CREDENTIALS });
  const ids: string[] = [];
  for (const approval of approvals) ids.push((await createApproval(viewer, approval)).id);
  // The thirty days are history: each approval reached Leash when it was given, not when the demo was loaded (a
  // late one would count only from its recording, see approvalStartsAt).
  await db().update(approvalsTable).set({ createdAt: sql`${approvalsTable.approvedAt}` }).where(inArray(approvalsTable.id, ids));
  await storeNormalizedEvents(viewer, events, "demo activity (30 days)");
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
