import { SectionNotFound } from "@/components/section-not-found";

/** Shown for sections a role may not open; it does not say whether the section exists for others. */
export default function SettingsNotFound() {
  return <SectionNotFound title="Not found" description="This settings page does not exist or is not available to you." href="/settings/profile" linkText="Go to your profile" />;
}
