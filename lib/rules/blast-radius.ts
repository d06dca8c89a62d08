import { DAY_MS } from "@/lib/domain/utc-days";

/**
 * The agent blast radius (DESIGN §4): how many of the four PocketOS conditions a credential meets. A credential
 * meeting all four — an agent can reach it, it works in production, it may destroy, and it lives long — is a
 * "nine-second credential": what deleted a production database in nine seconds.
 */

export const BLAST_CONDITIONS = ["agent_reachable", "production", "destructive", "long_lived"] as const;
export type BlastCondition = (typeof BLAST_CONDITIONS)[number];

/** Operations that destroy data or infrastructure when a credential is allowed them. */
const DESTRUCTIVE_OPERATIONS = new Set(["delete", "drop", "truncate", "admin", "destroy", "terminate", "purge"]);

export type BlastFacts = {
  /** null = not stated. */
  agentAccessible: boolean | null;
  /** Unresolved exposures of this credential in corpora agents read. */
  agentReadableExposures: number;
  /** null = not stated; [] = stated untagged; `*` = everywhere. */
  environments: readonly string[] | null;
  /** null = unrestricted (or not stated). */
  allowedOperations: readonly string[] | null;
  createdAt: Date | null;
  /** null with neverExpires = never; null without = not stated. */
  expiresAt: Date | null;
  /** Why it can no longer authenticate (revoked, expired, disabled…), or null while it can: a dead key is no door. */
  dead: string | null;
};

export type BlastRadius = { conditions: BlastCondition[]; path: string[]; nineSecond: boolean };

/** Which conditions hold, each with the plain-words reason that makes up "the path". */
export function blastRadius(f: BlastFacts, now: Date = new Date()): BlastRadius {
  if (f.dead) return { conditions: [], path: [`${f.dead}: cannot be used`], nineSecond: false };
  const hits: [BlastCondition, string][] = [];
  const reach: string[] = [];
  if (f.agentAccessible === true) reach.push("agents can use it (agent_accessible)");
  if (f.agentReadableExposures > 0) reach.push(`its secret sits in ${f.agentReadableExposures} place(s) agents read`);
  if (reach.length) hits.push(["agent_reachable", reach.join(", and ")]);
  const envs = f.environments;
  if (envs === null || envs.length === 0) hits.push(["production", "no environment tag, so it may work in production"]);
  else if (envs.includes("*")) hits.push(["production", "valid in every environment (*)"]);
  else if (envs.includes("production")) hits.push(["production", "valid in production"]);
  const ops = f.allowedOperations;
  if (ops === null) hits.push(["destructive", "no operation allowlist: delete and drop are allowed"]);
  else {
    const destructive = ops.filter((op) => DESTRUCTIVE_OPERATIONS.has(op));
    if (destructive.length) hits.push(["destructive", `allowed to ${destructive.join(", ")}`]);
  }
  if (f.expiresAt === null) hits.push(["long_lived", "never expires"]);
  else {
    const lifetime = f.expiresAt.getTime() - (f.createdAt?.getTime() ?? now.getTime());
    if (lifetime > DAY_MS) hits.push(["long_lived", `lives ${Math.round(lifetime / DAY_MS)} days (over 24 h)`]);
  }
  const conditions = hits.map(([c]) => c);
  return { conditions, path: hits.map(([, why]) => why), nineSecond: conditions.length === BLAST_CONDITIONS.length };
}

/** One credential in the ranking, as the overview and the posture API show it. */
export type BlastEntry = {
  credentialId: string;
  name: string | null;
  provider: string | null;
  team: string | null;
} & BlastRadius;

/** A ranked entry with what merging per-team rankings needs: its team and its agent-readable exposures. */
export type TeamBlastEntry = BlastEntry & { teamId: string | null; exposures: number };
/**
 * Per team ("" = no team): how many credentials are in the blast radius (absent from evaluations stored before it was
 * counted), how many of them are nine-second credentials, and the highest-ranked few.
 */
export type BlastByTeam = Record<string, { count?: number; nineSecond: number; top: TeamBlastEntry[] }>;

/** Only credentials an agent can reach belong in the ranking (the first condition is the door itself). */
export function inBlastRadius(f: BlastFacts): boolean {
  return !f.dead && (f.agentAccessible === true || f.agentReadableExposures > 0);
}

function widest(entry: BlastRadius): number {
  return entry.path.filter((p) => p === "valid in every environment (*)" || p === "never expires").length;
}

/**
 * Most conditions first; among equals, secrets already exposed where agents read, then the widest doors (valid
 * everywhere, never expiring), then by name so the order is stable.
 */
export function rankBlastRadius<T extends BlastEntry>(entries: T[], exposuresOf: (entry: T) => number): T[] {
  return [...entries].sort(
    (a, b) =>
      b.conditions.length - a.conditions.length ||
      exposuresOf(b) - exposuresOf(a) ||
      widest(b) - widest(a) ||
      (a.name ?? "").localeCompare(b.name ?? ""),
  );
}
