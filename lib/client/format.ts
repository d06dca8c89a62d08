/**
 * Dates are rendered in UTC with a fixed format so server and browser produce the same text (no hydration
 * mismatch) and auditors compare times without timezone guesswork.
 */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "—";
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "—";
  return date.toISOString().slice(0, 10);
}

export const roleLabels = { admin: "Admin", auditor: "Auditor", engineer: "Engineer" } as const;

/** "26–50 of 120 credentials" above a paged list; a single row is "1 credential", not "1–1 of 1 credentials". */
export function pageRangeText(first: number, last: number, total: number, noun: { one: string; many: string }): string {
  if (total === 1) return `1 ${noun.one}`;
  return `${first.toLocaleString("en")}–${last.toLocaleString("en")} of ${total.toLocaleString("en")} ${noun.many}`;
}
