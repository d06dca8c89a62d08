import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageTitle } from "@/components/page-title";

/**
 * A not-found page: what was not found, and one link on (back to its section, as a rule). It names itself in the tab;
 * the page that gave up rendered no title (see PageTitle), by address or after an in-app navigation.
 */
export function SectionNotFound({ title, description, href, linkText }: { title: string; description: string; href: string; linkText: string }) {
  return (
    <>
      <PageTitle name={title} />
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
