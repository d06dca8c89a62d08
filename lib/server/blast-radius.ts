import "server-only";
import { and, eq, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { corpora, credentials, secretFindings } from "@/db/schema";
import { destructiveOperationsOf } from "@/lib/rules";
import { blastRadius, rankBlastRadius, type BlastByTeam, type TeamBlastEntry } from "@/lib/rules/blast-radius";
import { stillValidSql } from "./credential-filters";
import { db } from "./db";
import { parametersAt } from "./rule-parameters";


const TOP_PER_TEAM = 10;

/** Unresolved exposures per credential in corpora agents read, counted once for all credentials (not per row). */
function agentReadableExposureCounts() {
  return db()
    .select({ credentialId: sql<string>`${secretFindings.credentialId}`.as("exposed_credential_id"), n: sql<number>`count(*)::int`.as("n") })
    .from(secretFindings)
    .innerJoin(corpora, eq(corpora.id, secretFindings.corpusId))
    .where(and(isNull(secretFindings.resolvedAt), eq(corpora.agentReadable, true), isNotNull(secretFindings.credentialId)))
    .groupBy(secretFindings.credentialId)
    .as("exposure_counts");
}

/** Every live credential an agent can reach (within `scope`), with the conditions it meets and the path. */
export async function blastEntries(scope: SQL | undefined, now: Date): Promise<TeamBlastEntry[]> {
  const destructive = destructiveOperationsOf((await parametersAt(now)).rules);
  const exposed = agentReadableExposureCounts();
  const rows = await db()
    .select({
      id: credentials.id,
      teamId: credentials.teamId,
      name: credentials.name,
      provider: credentials.provider,
      team: credentials.team,
      agentAccessible: credentials.agentAccessible,
      environments: credentials.environments,
      allowedOperations: credentials.allowedOperations,
      createdAt: credentials.createdAt,
      expiresAt: credentials.expiresAt,
      exposures: sql<number>`coalesce(${exposed.n}, 0)`,
    })
    .from(credentials)
    .leftJoin(exposed, eq(exposed.credentialId, credentials.id))
    .where(and(scope, stillValidSql(now), or(eq(credentials.agentAccessible, true), sql`${exposed.n} > 0`)));
  return rows.map((r) => ({
    credentialId: r.id,
    teamId: r.teamId,
    name: r.name,
    provider: r.provider,
    team: r.team,
    exposures: Number(r.exposures),
    ...blastRadius(
      { agentAccessible: r.agentAccessible, agentReadableExposures: Number(r.exposures), environments: r.environments, allowedOperations: r.allowedOperations, createdAt: r.createdAt, expiresAt: r.expiresAt, dead: null },
      now,
      destructive,
    ),
  }));
}

/** Ranked per team once per evaluation, so a posture read merges a few short lists instead of ranking every credential. */
export async function blastByTeam(now: Date): Promise<BlastByTeam> {
  const groups = new Map<string, TeamBlastEntry[]>();
  for (const entry of await blastEntries(undefined, now)) {
    const key = entry.teamId ?? "";
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  const out: BlastByTeam = {};
  for (const [team, entries] of groups) {
    const ranked = rankBlastRadius(entries, (e) => e.exposures);
    out[team] = { count: ranked.length, nineSecond: ranked.filter((e) => e.nineSecond).length, top: ranked.slice(0, TOP_PER_TEAM) };
  }
  return out;
}

/** The viewer's ranking from the per-team lists: the top `limit` of their teams (engineers) or of all. */
export function mergeBlast(byTeam: BlastByTeam, scope: string[] | "all", limit: number): { count: number; nineSecond: number; ranked: TeamBlastEntry[] } {
  const teams = Object.entries(byTeam).filter(([team]) => scope === "all" || scope.includes(team));
  const ranked = rankBlastRadius(teams.flatMap(([, t]) => t.top), (e) => e.exposures).slice(0, limit);
  return { count: teams.reduce((n, [, t]) => n + (t.count ?? t.top.length), 0), nineSecond: teams.reduce((n, [, t]) => n + t.nineSecond, 0), ranked };
}
