import { DAY_MS } from "@/lib/domain/utc-days";

/**
 * The agent blast radius (DESIGN §4): how many of the four PocketOS conditions a credential meets. A credential
 * meeting all four — an agent can reach it, it works in production, it may destroy, and it lives long — is a
 * "nine-second credential": what deleted a production database in nine seconds.
 */

export const BLAST_CONDITIONS = ["agent_reachable", "production", "destructive", "long_lived"] as const;
export type BlastCondition = (typeof BLAST_CONDITIONS)[number];

/**
 * Operations that destroy data or infrastructure when a credential is allowed them: R10's default, and the list the
 * blast radius uses unless an admin set R10's own (destructiveOperationsOf).
 */
export const DEFAULT_DESTRUCTIVE_OPERATIONS: readonly string[] = ["delete", "drop", "truncate", "admin", "destroy", "terminate", "purge"];

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

// The path's words that make a door wider among credentials meeting as many conditions (see widest).
const AGENT_ACCESSIBLE = "agents can use it (agent_accessible)";
const EXPOSED_WHERE_AGENTS_READ = "place(s) agents read";
const EVERYWHERE = "valid in every environment (*)";
const UNTAGGED = "no environment tag, so it may work in production";
const NEVER_EXPIRES = "never expires";

/** Which conditions hold, each with the plain-words reason that makes up "the path". */
export function blastRadius(f: BlastFacts, now: Date = new Date(), destructiveOperations: readonly string[] = DEFAULT_DESTRUCTIVE_OPERATIONS): BlastRadius {
  if (f.dead) return { conditions: [], path: [`${f.dead}: cannot be used`], nineSecond: false };
  const hits: [BlastCondition, string][] = [];
  const reach: string[] = [];
  if (f.agentAccessible === true) reach.push(AGENT_ACCESSIBLE);
  if (f.agentReadableExposures > 0) reach.push(`its secret sits in ${f.agentReadableExposures} ${EXPOSED_WHERE_AGENTS_READ}`);
  if (reach.length) hits.push(["agent_reachable", reach.join(", and ")]);
  const envs = f.environments;
  if (envs === null || envs.length === 0) hits.push(["production", UNTAGGED]);
  else if (envs.includes("*")) hits.push(["production", EVERYWHERE]);
  else if (envs.includes("production")) hits.push(["production", "valid in production"]);
  const ops = f.allowedOperations;
  if (ops === null) hits.push(["destructive", "no operation allowlist: delete and drop are allowed"]);
  else {
    const destructive = ops.filter((op) => destructiveOperations.includes(op));
    if (destructive.length) hits.push(["destructive", `allowed to ${destructive.join(", ")}`]);
  }
  if (f.expiresAt === null) hits.push(["long_lived", NEVER_EXPIRES]);
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

/**
 * How wide a door is: handed to agents and also exposed where they read (two ways in), working in any environment
 * (`*`, or no tag: nobody knows where it works), never expiring.
 */
function widest(entry: BlastRadius): number {
  const bothWaysIn = entry.path.some((p) => p.includes(AGENT_ACCESSIBLE) && p.includes(EXPOSED_WHERE_AGENTS_READ)) ? 1 : 0;
  return bothWaysIn + entry.path.filter((p) => p === EVERYWHERE || p === UNTAGGED || p === NEVER_EXPIRES).length;
}

const byName = new Intl.Collator().compare;

/**
 * Most conditions first; among equals, secrets already exposed where agents read, then the widest doors (both ways
 * in, any environment, never expiring), then by name so the order is stable. Each entry's keys are worked out once,
 * not at every comparison: a workspace ranks tens of thousands of credentials, most of them tied until the name.
 */
export function rankBlastRadius<T extends BlastEntry>(entries: T[], exposuresOf: (entry: T) => number): T[] {
  const keyed = entries.map((entry) => ({ entry, conditions: entry.conditions.length, exposures: exposuresOf(entry), widest: widest(entry), name: entry.name ?? "" }));
  keyed.sort((a, b) => b.conditions - a.conditions || b.exposures - a.exposures || b.widest - a.widest || byName(a.name, b.name));
  return keyed.map((k) => k.entry);
}
