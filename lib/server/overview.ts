import "server-only";
import { and, count, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { corpora, credentials, secretFindings } from "@/db/schema";
import { rankBlastRadius, type BlastEntry } from "@/lib/rules/blast-radius";
import { flaggedTotals } from "./activity";
import { stillValidSql } from "./credential-filters";
import { blastEntries } from "./blast-radius";
import { db } from "./db";
import { evaluatedBlastRadius } from "./posture";
import { secretFindingScope } from "./secret-findings";
import { requirePermission, teamScope, type Viewer } from "./viewer";

export type OverviewDto = {
  credentials: { total: number; agentAccessible: number; neverExpires: number; untagged: number };
  exposures: { open: number; inAgentReadable: number };
  activity: { flagged30d: number; unapprovedDestructive30d: number };
  blastRadius: { count: number; nineSecond: number; ranked: BlastEntry[] };
};

function credentialScope(viewer: Viewer): SQL | undefined {
  const scope = teamScope(viewer);
  return scope === "all" ? undefined : scope.length ? inArray(credentials.teamId, scope) : sql`false`;
}

/**
 * Every live credential an agent can reach, ranked by PocketOS conditions met (DESIGN §4), with the path: as the
 * latest evaluation ranked them (every import, ingest, scan and edit re-evaluates), or ranked here before the first.
 */
async function currentBlastRadius(viewer: Viewer, limit: number, now: Date): Promise<OverviewDto["blastRadius"]> {
  const evaluated = await evaluatedBlastRadius(teamScope(viewer), limit);
  if (evaluated) return evaluated;
  const ranked = rankBlastRadius(await blastEntries(credentialScope(viewer), now), (e) => e.exposures);
  return { count: ranked.length, nineSecond: ranked.filter((r) => r.nineSecond).length, ranked: ranked.slice(0, limit) };
}

/**
 * Permission: posture:read, team-scoped. Every credential in the agent blast radius, ranked (or the nine-second ones
 * only): the list the Overview's two counts total, ranked as every evaluation ranks them.
 */
export async function blastRadiusList(
  viewer: Viewer,
  options: { nineSecondOnly?: boolean; limit?: number; offset?: number; now?: Date } = {},
): Promise<{ count: number; nineSecond: number; offset: number; entries: BlastEntry[] }> {
  requirePermission(viewer, "posture:read");
  const ranked = rankBlastRadius(await blastEntries(credentialScope(viewer), options.now ?? new Date()), (e) => e.exposures);
  const nineSecond = ranked.filter((r) => r.nineSecond);
  const list = options.nineSecondOnly ? nineSecond : ranked;
  // A page past the end (a stale link after the list shrank) shows the last page rather than nothing.
  const limit = options.limit ?? BLAST_LIST_LIMIT;
  const wanted = Math.max(0, Math.floor(options.offset ?? 0));
  const offset = wanted < list.length ? wanted : Math.max(0, Math.floor((list.length - 1) / limit) * limit);
  return { count: ranked.length, nineSecond: nineSecond.length, offset, entries: list.slice(offset, offset + limit) };
}

/** More than a person reads in one page; every page is reachable, so the counts above the list have their rows. */
export const BLAST_LIST_LIMIT = 1000;

/** Permission: posture:read, team-scoped. The headline numbers, each of which links to the list behind it. */
export async function overview(viewer: Viewer, options: { blastLimit?: number; now?: Date } = {}): Promise<OverviewDto> {
  const now = options.now ?? new Date();
  requirePermission(viewer, "posture:read");
  const scope = credentialScope(viewer);
  const valid = stillValidSql(now);
  const [c] = await db()
    .select({
      total: count(),
      // Counted among the credentials neither revoked nor expired, as the rules judge them: an expired key that no tag
      // or expiry was ever set on is no risk, and counting it would not reconcile with the findings.
      agentAccessible: sql<number>`count(*) filter (where ${valid} and ${credentials.agentAccessible})::int`,
      neverExpires: sql<number>`count(*) filter (where ${valid} and ${credentials.expiresAt} is null and ${credentials.provenance} ? 'expires_at')::int`,
      untagged: sql<number>`count(*) filter (where ${valid} and (${credentials.environments} is null or cardinality(${credentials.environments}) = 0))::int`,
    })
    .from(credentials)
    .where(scope);
  const [e] = await db()
    .select({ open: count(), inAgentReadable: sql<number>`count(*) filter (where ${corpora.agentReadable})::int` })
    .from(secretFindings)
    .innerJoin(corpora, eq(corpora.id, secretFindings.corpusId))
    .leftJoin(credentials, eq(credentials.id, secretFindings.credentialId))
    .where(and(isNull(secretFindings.resolvedAt), secretFindingScope(viewer)));
  const [a, blastRadius] = await Promise.all([flaggedTotals(viewer, 30, now), currentBlastRadius(viewer, options.blastLimit ?? 10, now)]);
  return {
    credentials: { total: Number(c?.total ?? 0), agentAccessible: Number(c?.agentAccessible ?? 0), neverExpires: Number(c?.neverExpires ?? 0), untagged: Number(c?.untagged ?? 0) },
    exposures: { open: Number(e?.open ?? 0), inAgentReadable: Number(e?.inAgentReadable ?? 0) },
    activity: { flagged30d: a.flagged, unapprovedDestructive30d: a.unapprovedDestructive },
    blastRadius,
  };
}
