import { SectionNotFound } from "@/components/section-not-found";

/** For other teams' corpora and exposures and made-up ids alike; it does not say whether they exist for others. */
export default function ScansNotFound() {
  return <SectionNotFound title="Not found" description="This corpus or exposure does not exist or is not available to you." href="/scans" linkText="Back to Scans" />;
}
