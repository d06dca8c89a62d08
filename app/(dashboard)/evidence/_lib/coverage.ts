import { formatDateTime } from "@/lib/client/format";
import { DAY_MS } from "@/lib/domain/utc-days";
import { utcInstant, type BuildFormValues } from "./build-request";

/**
 * What the chosen scope covers, in words, and whether today's posture counts are the package's: only an "as of now"
 * build reads the latest evaluation; any other instant is rebuilt when the package is (which can take long at scale,
 * so the page does not rebuild it just to preview the counts).
 */
export function describeCoverage(values: Omit<BuildFormValues, "framework">, emptyAsOf = "now"): { text: string; liveCounts: boolean } {
  if (values.scope === "period") {
    if (!values.from || !values.to) return { text: "Pick the first and last day of the period.", liveCounts: false };
    const days = Math.round((Date.parse(`${values.to}T00:00:00Z`) - Date.parse(`${values.from}T00:00:00Z`)) / DAY_MS) + 1;
    if (!Number.isFinite(days)) return { text: "Pick the first and last day of the period.", liveCounts: false };
    if (days < 1) return { text: "The last day is before the first day.", liveCounts: false };
    return { text: `Every UTC day from ${values.from} to ${values.to} (${days} ${days === 1 ? "day" : "days"}); the populations as of the end of ${values.to}.`, liveCounts: false };
  }
  const typed = values.asOf.trim();
  if (!typed) return emptyAsOf === "now" ? { text: "The posture at the moment you build, and the 30 days before it.", liveCounts: true } : { text: `The posture at ${emptyAsOf}, and the 30 days before it.`, liveCounts: false };
  const at = utcInstant(typed);
  return at ? { text: `The posture at ${formatDateTime(at)}, and the 30 days before it.`, liveCounts: false } : { text: "Pick a valid instant.", liveCounts: false };
}
