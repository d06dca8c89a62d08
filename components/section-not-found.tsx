import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** A not-found page: what was not found, and one link on (back to its section, as a rule). */
export function SectionNotFound({ title, description, href, linkText }: { title: string; description: string; href: string; linkText: string }) {
  return (
    <EmptyState
      title={title}
      description={description}
      action={
        <Link href={href} className={buttonClasses("secondary")}>
          {linkText}
        </Link>
      }
    />
  );
}
