import Link from "next/link";
import { cn } from "@/components/ui/cn";

export type SectionTab<Id extends string> = { id: Id; href: string; label: string; show?: boolean };

/**
 * Sub-navigation of an area (Credentials, Activity, …); tabs a role cannot use are passed with show: false and not rendered.
 * Narrower padding on a phone keeps four tabs on one line; more wrap rather than widen the page.
 */
export function SectionTabs<Id extends string>({ label, current, tabs }: { label: string; current: Id; tabs: SectionTab<Id>[] }) {
  return (
    <nav aria-label={label} className="mb-6 flex flex-wrap gap-x-1 border-b border-zinc-200">
      {tabs
        .filter((tab) => tab.show !== false)
        .map((tab) => (
          <Link
            key={tab.id}
            href={tab.href}
            aria-current={tab.id === current ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-2 py-2 text-sm font-medium sm:px-3",
              tab.id === current ? "border-accent-600 text-accent-700" : "border-transparent text-zinc-600 hover:text-zinc-900",
            )}
          >
            {tab.label}
          </Link>
        ))}
    </nav>
  );
}
