import { SectionNotFound } from "@/components/section-not-found";

/** For other teams' credentials, import runs and pages a role may not open; it does not say whether they exist for others. */
export default function CredentialsNotFound() {
  return <SectionNotFound title="Not found" description="This credential or credentials page does not exist or is not available to you." href="/credentials" linkText="Back to Credentials" />;
}
