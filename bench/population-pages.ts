/**
 * A control's population a page at a time, on the evaluation benchmark's workspace once it is evaluated: stored
 * pages now, and one rebuilt as of a past instant, next to the same first page written as one SQL query that
 * orders the whole population (what the page did before it read segments).
 */
import { sql } from "drizzle-orm";
import { systemViewer } from "../lib/server/cli-viewer";
import { db } from "../lib/server/db";
import { encodeOffset } from "../lib/server/offset-cursor";
import { getControl } from "../lib/server/posture";
import { frameworkById } from "../lib/rules";

const PAGE = 50;

async function timedMs(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

export async function measurePopulationPages(label: string): Promise<void> {
  // What autovacuum does soon after an evaluation writes a million verdicts; the plans below depend on it.
  await db().execute(sql`analyze subject_verdicts, findings`);
  const viewer = systemViewer("bench");
  const cc61 = frameworkById("soc2")!.controls.find((c) => c.id === "CC6.1")!.rules;
  const rawMs = await timedMs(() =>
    db().execute(sql`
      select r.rule_id, sv.subject_kind, sv.subject_id, f.id,
        case when sv.verdicts->>r.rule_id = 'fail' and f.status = 'risk_accepted' then 'excepted' else sv.verdicts->>r.rule_id end as result
      from subject_verdicts sv cross join unnest(${`{${cc61.join(",")}}`}::text[]) as r(rule_id)
      left join findings f on f.rule_id = r.rule_id and f.subject_kind = sv.subject_kind and f.subject_id = sv.subject_id
      where sv.verdicts->>r.rule_id in ('fail', 'pass')
      order by case sv.verdicts->>r.rule_id when 'fail' then case when f.status = 'risk_accepted' then 1 else 0 end else 2 end, r.rule_id, sv.subject_kind, sv.subject_id
      limit ${PAGE}`),
  );
  const pages: [string, () => Promise<unknown>][] = [
    ["SOC 2 CC6.1, first page", () => getControl(viewer, "soc2", "CC6.1", { limit: PAGE })],
    ["SOC 2 CC6.1 passes from the 100,000th", () => getControl(viewer, "soc2", "CC6.1", { limit: PAGE, result: "pass", cursor: encodeOffset(100_000) })],
    ["PCI DSS 7.2.2 R15 (events), first page", () => getControl(viewer, "pci-dss-4.0.1", "7.2.2", { limit: PAGE, rule: "R15" })],
    ["NIST IA-5 as of a minute ago (rebuilt)", () => getControl(viewer, "nist-csf-2.0", "IA-5", { limit: PAGE, as_of: new Date(Date.now() - 60_000).toISOString() })],
  ];
  const timings: [string, number][] = [];
  for (const [name, read] of pages) timings.push([name, await timedMs(read)]);
  console.log(
    `${label.padEnd(9)} control population, ${PAGE} per page: ${timings.map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`).join("; ")}; ` +
      `the first page as one SQL query ordering the whole population: ${rawMs.toFixed(0)} ms (${(rawMs / Math.max(timings[0]![1], 1)).toFixed(0)}× the page)`,
  );
}
