import { SectionNotFound } from "@/components/section-not-found";

/** For events of other teams and sections a role may not open; it does not say whether they exist for others. */
export default function ActivityNotFound() {
  return <SectionNotFound title="Not found" description="This activity page or event does not exist or is not available to you." href="/activity" linkText="Back to Activity" />;
}
