import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** An unknown framework or control id. */
export default function ControlsNotFound() {
  return (
    <EmptyState
      title="Not found"
      description="This framework or control does not exist in Leash."
      action={
        <Link href="/controls" className={buttonClasses("secondary")}>
          Back to Controls
        </Link>
      }
    />
  );
}
