/**
 * CSV (RFC 4180) cells safe to open in a spreadsheet: a value starting with =, +, -, @, tab or carriage return is
 * prefixed with a single quote so it is shown as text, never evaluated as a formula (CSV injection).
 */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Quoted: separators, quotes, line breaks, and leading or trailing white space (what String#trim would cut). */
const NEEDS_QUOTES = /[",\r\n;]|^\s|\s$/;

/** What most cells are: text with no formula start, nothing to quote and no surrounding white space, kept as it is. */
const PLAIN = /^(?![=+\-@\s])[^",\r\n;]*(?<!\s)$/;

export function csvCell(value: unknown): string {
  if (typeof value === "string" && PLAIN.test(value)) return value;
  // Booleans and numbers that cannot start a formula (a negative one would be quoted like any "-…" text).
  if (typeof value === "boolean" || (typeof value === "number" && value >= 0)) return String(value);
  if (value === null || value === undefined) return "";
  let text = Array.isArray(value) ? value.join(";") : value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
