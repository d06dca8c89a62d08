import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { pageTitle } from "@/lib/client/page-title";

/**
 * A not-found page: what was not found, and one link on (back to its section, as a rule). A section's not-found page
 * renders under the page that gave up and cannot export metadata, so it names itself in the tab: React hoists the
 * title into the head, ahead of the page's own (which had left the tab saying "Credential" or "Finding").
 */
export function SectionNotFound({ title, description, href, linkText }: { title: string; description: string; href: string; linkText: string }) {
  return (
    <>
      <title>{pageTitle(title)}</title>
      <EmptyState
        title={title}
        description={description}
        action={
          <Link href={href} className={buttonClasses("secondary")}>
            {linkText}
          </Link>
        }
      />
    </>
  );
}
