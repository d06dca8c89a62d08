import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** A section's not-found page: what was not found, and the way back to the section. */
export function SectionNotFound({ title, description, href, section }: { title: string; description: string; href: string; section: string }) {
  return (
    <EmptyState
      title={title}
      description={description}
      action={
        <Link href={href} className={buttonClasses("secondary")}>
          Back to {section}
        </Link>
      }
    />
  );
}
