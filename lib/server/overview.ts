import "server-only";
import { and, count, eq, gte, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { activityEvents, corpora, credentials, secretFindings } from "@/db/schema";
import { rankBlastRadius, type BlastEntry } from "@/lib/rules/blast-radius";
import { blastEntries } from "./blast-radius";
import { db } from "./db";
import { secretFindingScope } from "./secret-findings";
import { requirePermission, teamScope, type Viewer } from "./viewer";

export type OverviewDto = {
  credentials: { total: number; agentAccessible: number; neverExpires: number; untagged: number };
  exposures: { open: number; inAgentReadable: number };
  activity: { flagged30d: number; unapprovedDestructive30d: number };
  blastRadius: { nineSecond: number; ranked: BlastEntry[] };
};

function credentialScope(viewer: Viewer): SQL | undefined {
  const scope = teamScope(viewer);
  return scope === "all" ? undefined : scope.length ? inArray(credentials.teamId, scope) : sql`false`;
}

/** Every live credential an agent can reach, ranked by PocketOS conditions met (DESIGN §4), with the path. */
export async function currentBlastRadius(viewer: Viewer, limit: number, now: Date): Promise<OverviewDto["blastRadius"]> {
  const ranked = rankBlastRadius(await blastEntries(credentialScope(viewer), now), (e) => e.exposures);
  return { nineSecond: ranked.filter((r) => r.nineSecond).length, ranked: ranked.slice(0, limit) };
}

/** Permission: posture:read, team-scoped. The headline numbers, each of which links to the list behind it. */
export async function overview(viewer: Viewer, options: { blastLimit?: number; now?: Date } = {}): Promise<OverviewDto> {
  const now = options.now ?? new Date();
  requirePermission(viewer, "posture:read");
  const scope = credentialScope(viewer);
  const [c] = await db()
    .select({
      total: count(),
      agentAccessible: sql<number>`count(*) filter (where ${credentials.agentAccessible})::int`,
      neverExpires: sql<number>`count(*) filter (where ${credentials.expiresAt} is null and ${credentials.provenance} ? 'expires_at')::int`,
      untagged: sql<number>`count(*) filter (where ${credentials.environments} is null or cardinality(${credentials.environments}) = 0)::int`,
    })
    .from(credentials)
    .where(scope);
  const teams = teamScope(viewer);
  const [e] = await db()
    .select({ open: count(), inAgentReadable: sql<number>`count(*) filter (where ${corpora.agentReadable})::int` })
    .from(secretFindings)
    .innerJoin(corpora, eq(corpora.id, secretFindings.corpusId))
    .leftJoin(credentials, eq(credentials.id, secretFindings.credentialId))
    .where(and(isNull(secretFindings.resolvedAt), secretFindingScope(viewer)));
  const eventScope = teams === "all" ? undefined : teams.length ? inArray(activityEvents.teamId, teams) : sql`false`;
  const [a] = await db()
    .select({ flagged: sql<number>`count(*) filter (where ${activityEvents.flagged})::int`, unapproved: sql<number>`count(*) filter (where ${activityEvents.unapprovedDestructive})::int` })
    .from(activityEvents)
    .where(and(gte(activityEvents.occurredAt, new Date(now.getTime() - 30 * 86_400_000)), eventScope));
  return {
    credentials: { total: Number(c?.total ?? 0), agentAccessible: Number(c?.agentAccessible ?? 0), neverExpires: Number(c?.neverExpires ?? 0), untagged: Number(c?.untagged ?? 0) },
    exposures: { open: Number(e?.open ?? 0), inAgentReadable: Number(e?.inAgentReadable ?? 0) },
    activity: { flagged30d: Number(a?.flagged ?? 0), unapprovedDestructive30d: Number(a?.unapproved ?? 0) },
    blastRadius: await currentBlastRadius(viewer, options.blastLimit ?? 10, now),
  };
}
