import Link from "next/link";
import type { PostureDto } from "@/lib/domain/posture";
import { formatScore } from "@/components/control-status";
import { controlsHref, frameworkLabel } from "../../controls/_lib/params";

function statusLine(p: PostureDto): { text: string; danger: boolean } {
  const notEffective = p.controls.filter((c) => c.status === "not_effective").length;
  const notTested = p.controls.filter((c) => c.status === "not_tested").length;
  const parts = [`${notEffective} of ${p.controls.length} controls not effective`];
  // The score is the mean of the tested controls only: say so, or one passing control reads as 100% of a framework.
  if (notTested) parts.push(`${notTested} not tested (not in the score)`);
  return { text: parts.join(", "), danger: notEffective > 0 };
}

/** One card per framework, in the order audits ask for them; each opens that framework's controls. */
export function FrameworkCards({ postures }: { postures: PostureDto[] }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {postures.map((p) => {
        const line = statusLine(p);
        return (
          <li key={p.framework}>
            <Link
              href={controlsHref(p.framework)}
              className="group flex h-full flex-col rounded-lg border border-zinc-200 bg-white p-4 hover:border-accent-300 focus-visible:outline-2"
              data-testid={`framework-card-${p.framework}`}
            >
              <span className="text-sm font-medium text-zinc-900">{frameworkLabel(p.framework)}</span>
              <span className="mt-1 text-2xl font-semibold text-zinc-900 tabular-nums">
                {formatScore(p.score)}
                <span className="sr-only"> score</span>
              </span>
              <span className={line.danger ? "mt-1 text-sm font-medium text-red-700" : "mt-1 text-sm text-zinc-600"}>
                {line.danger ? <span aria-hidden="true">⚠ </span> : null}
                {line.text}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
