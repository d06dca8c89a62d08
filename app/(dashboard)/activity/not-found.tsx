import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** For events of other teams and sections a role may not open; it does not say whether they exist for others. */
export default function ActivityNotFound() {
  return (
    <EmptyState
      title="Not found"
      description="This activity page or event does not exist or is not available to you."
      action={
        <Link href="/activity" className={buttonClasses("secondary")}>
          Back to Activity
        </Link>
      }
    />
  );
}
