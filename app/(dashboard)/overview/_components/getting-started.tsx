import Link from "next/link";
import { SectionHeader } from "@/components/ui/page-header";
import { cn } from "@/components/ui/cn";
import type { SetupStep, SetupStepId } from "@/lib/server/getting-started";

/** Each step: where it is done, and what the posture lacks until it is (why it is worth doing, not how). */
const STEPS: Record<SetupStepId, { title: string; href: string; why: string }> = {
  teams: {
    title: "Create your teams",
    href: "/settings/teams",
    why: "Credentials and findings belong to teams; engineers see and fix their own teams' only.",
  },
  inventory: {
    title: "Import your credential inventory",
    href: "/credentials/import",
    why: "A Leash CSV or an export from a vault or cloud provider. Every credential rule judges what it states.",
  },
  environments: {
    title: "Map resources to environments",
    href: "/activity/environments",
    why: "Account ids, host and database names tell production from staging in the logs; patterns apply to events sent after them.",
  },
  activity: {
    title: "Send activity logs",
    href: "/activity/ingest",
    why: "CloudTrail, pgaudit, CSV or Leash NDJSON. Without them no one can tell which operations agents made (R15–R18).",
  },
  scans: {
    title: "Scan the places agents read",
    href: "/scans",
    why: "Docs, wikis, Slack exports and repositories. Without a scan, a secret pasted in a runbook goes unseen (R12–R14, R21).",
  },
};

/** The administrator's checklist for a new instance; the Overview leaves it out once every step is done. */
export function GettingStarted({ steps }: { steps: SetupStep[] }) {
  const done = steps.filter((s) => s.done).length;
  return (
    <section aria-label="Setting up Leash" className="mb-8">
      <SectionHeader
        title={`Setting up Leash: ${done} of ${steps.length} done`}
        description="The posture below judges only what Leash has been given. Until each of these is done, part of it is missing."
      />
      <ol className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white">
        {steps.map((step, index) => {
          const { title, href, why } = STEPS[step.id];
          return (
            <li key={step.id} className="flex items-start gap-3 px-4 py-3">
              <span
                aria-hidden
                className={cn(
                  "mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold",
                  step.done ? "bg-emerald-100 text-emerald-800" : "bg-zinc-100 text-zinc-700",
                )}
              >
                {step.done ? "✓" : index + 1}
              </span>
              <div className="min-w-0">
                <p className="text-sm">
                  <Link href={href} className={cn("font-medium hover:underline", step.done ? "text-zinc-600" : "text-accent-700")}>
                    {title}
                  </Link>
                  <span className={cn("ml-2 text-xs", step.done ? "text-emerald-800" : "text-zinc-600")}>{step.done ? "Done" : "To do"}</span>
                </p>
                <p className="mt-0.5 text-sm text-zinc-600">{why}</p>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
