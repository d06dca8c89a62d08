import "server-only";
import { sql } from "drizzle-orm";
import type { PopulationCounts } from "@/lib/domain/posture";
import { RULES_VERSION, destructiveOperationsOf, evaluateSubject, type Evaluation } from "@/lib/rules";
import { blastRadius, inBlastRadius, rankBlastRadius, type TeamBlastEntry } from "@/lib/rules/blast-radius";
import { db } from "../db";
import { rowsOf } from "../sql-rows";
import { parametersAt } from "../rule-parameters";
import type { SubjectKind } from "@/lib/rules/types";
import { loadWorld, type CredentialItem, type WorldItem } from "./world";

/** team key ("" = no team) → rule id → counts, with excepted told apart from fail. */
export type FullTallies = Record<string, Record<string, PopulationCounts>>;
export type RankedBlast = TeamBlastEntry;

export type PostureSnapshot = {
  asOf: Date;
  rulesVersion: string;
  parametersVersion: number;
  tallies: FullTallies;
  blast: RankedBlast[];
};

export type Collected = { item: WorldItem; ruleId: string; evaluation: Evaluation; excepted: boolean };

const key = (ruleId: string, kind: string, id: string) => `${ruleId}|${kind}|${id}`;

/** (rule, subject) pairs covered at `at` by an approved exception that had not yet expired. */
async function exceptedAt(at: Date): Promise<Set<string>> {
  const rows = await rowsOf<{ rule_id: string; subject_kind: string; subject_id: string }>(db(), sql`
    select f.rule_id, f.subject_kind, f.subject_id from finding_exceptions e join findings f on f.id = e.finding_id
    where e.status in ('approved', 'expired') and e.decided_at <= ${at.toISOString()}::timestamptz and e.expires_at > ${at.toISOString()}::timestamptz`);
  return new Set(rows.map((r) => key(r.rule_id, r.subject_kind, r.subject_id)));
}

/**
 * Rebuilds the posture at `asOf` from what Leash knew then: the same rules over the world as of that instant,
 * with the parameters and exceptions in force then. Nothing is stored; `collect` sees every evaluation (the
 * population of a control as of a past date), a batch of subjects at a time, each subject's verdicts together, and
 * the next batch waits for it. `kinds` limits it to some subject kinds: the tallies then hold only their rules'.
 */
export async function snapshotAsOf(asOf: Date, collect?: (batch: Collected[]) => void | Promise<void>, kinds?: ReadonlySet<SubjectKind>): Promise<PostureSnapshot> {
  const params = await parametersAt(asOf);
  const excepted = await exceptedAt(asOf);
  const destructive = destructiveOperationsOf(params.rules);
  const tallies: FullTallies = {};
  const blast: RankedBlast[] = [];
  const all = (kind: SubjectKind) => !kinds || kinds.has(kind);
  for await (const batch of loadWorld({
    asOf,
    credentials: all("credential") ? "all" : [],
    events: all("event") ? "all" : [],
    corpora: all("corpus") ? "all" : [],
    auditLog: all("audit_log"),
  })) {
    const collected: Collected[] = [];
    for (const item of batch) {
      const verdicts = evaluateSubject(params.prepared, item.kind, item.subject as never, item.context as never, asOf);
      const team = (tallies[item.teamId ?? ""] ??= {});
      for (const [ruleId, evaluation] of Object.entries(verdicts)) {
        const isExcepted = evaluation.result === "fail" && excepted.has(key(ruleId, item.kind, item.id));
        const counts = (team[ruleId] ??= { pass: 0, fail: 0, excepted: 0, not_applicable: 0 });
        counts[isExcepted ? "excepted" : evaluation.result] += 1;
        if (collect) collected.push({ item, ruleId, evaluation, excepted: isExcepted });
      }
      if (item.kind === "credential") {
        const c = item as CredentialItem;
        if (inBlastRadius(c.blast)) {
          blast.push({ credentialId: c.id, name: c.name, provider: c.provider, team: c.team, teamId: c.teamId, exposures: c.blast.agentReadableExposures, ...blastRadius(c.blast, asOf, destructive) });
        }
      }
    }
    if (collect) await collect(collected);
  }
  return { asOf, rulesVersion: RULES_VERSION, parametersVersion: params.version, tallies, blast: rankBlastRadius(blast, (e) => e.exposures) };
}
