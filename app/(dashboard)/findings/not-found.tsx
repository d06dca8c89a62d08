import { SectionNotFound } from "@/components/section-not-found";

/** For findings of other teams and made-up ids alike; it does not say whether the finding exists for others. */
export default function FindingNotFound() {
  return <SectionNotFound title="Finding not found" description="This finding does not exist or is not available to you." href="/findings" linkText="Back to Findings" />;
}
