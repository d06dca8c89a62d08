import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** For findings of other teams and made-up ids alike; it does not say whether the finding exists for others. */
export default function FindingNotFound() {
  return (
    <EmptyState
      title="Finding not found"
      description="This finding does not exist or is not available to you."
      action={
        <Link href="/findings" className={buttonClasses("secondary")}>
          Back to Findings
        </Link>
      }
    />
  );
}
