import Link from "next/link";
import { SectionTabs } from "@/components/ui/section-tabs";
import { controlsHref, frameworkLabel, periodHref } from "../_lib/params";

type ControlsView = "posture" | "period";

/** The two ways to read a framework: at one instant, or day by day over an audit period. */
export function ControlsTabs({ current, framework }: { current: ControlsView; framework: string }) {
  return (
    <SectionTabs
      label="Controls sections"
      current={current}
      tabs={[
        { id: "posture", href: controlsHref(framework), label: "Posture" },
        { id: "period", href: periodHref(framework), label: "Type II period" },
      ]}
    />
  );
}

/**
 * Framework picker as links: each keeps the rest of the view (the instant or the period) in its URL. `ids` are the
 * frameworks the viewer may read (one, for an auditor scoped to it).
 */
export function FrameworkPicker({ ids, current, hrefFor }: { ids: readonly string[]; current: string; hrefFor: (framework: string) => string }) {
  return (
    <nav aria-label="Framework" className="mb-4 flex flex-wrap gap-2">
      {ids.map((id) => (
        <Link
          key={id}
          href={hrefFor(id)}
          aria-current={id === current ? "page" : undefined}
          className={
            id === current
              ? "rounded-full bg-accent-600 px-3 py-1 text-sm font-medium text-white"
              : "rounded-full border border-zinc-300 bg-white px-3 py-1 text-sm font-medium text-zinc-700 hover:bg-zinc-50"
          }
        >
          {frameworkLabel(id)}
        </Link>
      ))}
    </nav>
  );
}
