import type { EvidenceScope } from "@/lib/evidence/model";
import { scorePercentage } from "@/lib/rules";

/**
 * Text as report.pdf can show it. The report uses only the PDF standard fonts (Helvetica, Courier), whose simple
 * encoding is WinAnsi: pdfkit writes the low byte of any other character, which prints as unrelated Latin glyphs.
 * So everything from the model passes through `pdfText` first and what WinAnsi cannot show becomes "?".
 */

/** Unicode code points above U+00FF that WinAnsi (CP1252) does encode, in its 0x80–0x9F range. */
const WIN_ANSI_EXTRA = new Set([
  0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017d, 0x017e, 0x0192, 0x02c6, 0x02dc, 0x2013, 0x2014, 0x2018, 0x2019,
  0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

/** A bound on any single text, so hostile input cannot make wrapping (and the file) arbitrarily large. */
export const MAX_TEXT_CHARS = 20_000;

/** Multi-line text: keeps line breaks, turns tabs into spaces and every character WinAnsi lacks into "?". */
export function pdfText(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  text = text.normalize("NFC").replace(/\r\n?/g, "\n");
  let out = "";
  let count = 0;
  for (const ch of text) {
    if (++count > MAX_TEXT_CHARS) return `${out} … [cut at ${MAX_TEXT_CHARS} characters]`;
    const cp = ch.codePointAt(0)!;
    if (cp === 0x0a) out += "\n";
    else if (cp === 0x09) out += " ";
    else if ((cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(cp)) out += ch;
    else out += "?";
  }
  return out;
}

/** One-line text (names, labels, table cells that must not break on their own). */
export function pdfLine(value: unknown): string {
  return pdfText(value).replace(/\n+/g, " ");
}

/** Shorten to `max` characters with an ellipsis (footer, where a name must not push the page number away). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** An ISO instant as "YYYY-MM-DD HH:MM:SS UTC"; a bare date stays a date; anything unparsable is shown as given. */
export function formatInstant(value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "–";
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return pdfLine(value);
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

export function formatScope(scope: EvidenceScope): string {
  return scope.kind === "as_of"
    ? `as of ${formatInstant(scope.asOf)}`
    : `period ${formatInstant(scope.from)} to ${formatInstant(scope.to)}`;
}

/** A score in [0, 1] as a percentage with one decimal (see scorePercentage); null means nothing applicable was evaluated. */
export function formatPercent(score: number | null, none = "not tested"): string {
  return score === null || !Number.isFinite(score) ? none : `${scorePercentage(score, 1).toFixed(1)}%`;
}

/** Locale-independent thousands separators, so the bytes do not depend on the ICU data of the host. */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

export { CONTROL_STATUS_LABELS } from "@/lib/rules";

/** Rule parameters as `key=value`, one per line; non-strings as JSON. */
export function formatParameters(parameters: Record<string, unknown>): string {
  const entries = Object.entries(parameters);
  if (entries.length === 0) return "(none)";
  return entries
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : (JSON.stringify(value) ?? String(value))}`)
    .join("\n");
}

/** A long token (a hash) cut into lines of `perLine` characters, since it has no spaces to wrap at. */
export function chunk(text: string, perLine: number): string {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += perLine) parts.push(text.slice(i, i + perLine));
  return parts.join("\n");
}
