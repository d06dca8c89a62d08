import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** Shown for sections a role may not open; it does not say whether the section exists for others. */
export default function SettingsNotFound() {
  return (
    <EmptyState
      title="Not found"
      description="This settings page does not exist or is not available to you."
      action={
        <Link href="/settings/profile" className={buttonClasses("secondary")}>
          Go to your profile
        </Link>
      }
    />
  );
}
