import { SectionNotFound } from "@/components/section-not-found";

/** An unknown framework or control id. */
export default function ControlsNotFound() {
  return <SectionNotFound title="Not found" description="This framework or control does not exist in Leash." href="/controls" linkText="Back to Controls" />;
}
