/**
 * Spreadsheet formula injection (OWASP "CSV injection"): a cell starting with one of these characters is run
 * as a formula when a later CSV export is opened in Excel or Sheets. Rejecting such text at import keeps it
 * out of every export, instead of trusting each writer to escape it. Generic: any CSV reader can use it.
 */
const FORMULA_TRIGGERS = ["=", "+", "-", "@", "\t", "\r"];

/** The reason a text cell is refused, or undefined when it is safe. */
export function formulaInjectionReason(text: string): string | undefined {
  const first = text[0];
  if (first === undefined || !FORMULA_TRIGGERS.includes(first)) return undefined;
  const shown = first === "\t" ? "a tab" : first === "\r" ? "a carriage return" : `'${first}'`;
  return `starts with ${shown}: possible formula injection`;
}
