import { LeashLogo } from "@/components/leash-logo";
import { SectionNotFound } from "@/components/section-not-found";

/**
 * An address no route matches (mistyped, or from an older release). Ids that do not exist or belong to another team
 * get their section's own not-found page instead, inside the dashboard.
 */
export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-16">
      <LeashLogo className="mb-8 text-lg" />
      <SectionNotFound
        title="Page not found"
        description="No Leash page has this address: it may be mistyped, or from an older version of Leash."
        href="/overview"
        linkText="Go to the overview"
      />
    </main>
  );
}
