import { Alert } from "@/components/ui/alert";

/** The server refuses a future or malformed instant; the page shows now and says so rather than failing. */
export function AsOfNotice() {
  return (
    <Alert tone="warning" className="mb-4">
      That “as of” is not a past instant, so this shows the posture now.
    </Alert>
  );
}
