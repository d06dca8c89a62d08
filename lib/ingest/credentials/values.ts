import { parseInstant } from "@/lib/domain/credential-date";

/**
 * Text → typed value conversions shared by the importers. Reasons describe what was expected and never echo
 * the offending text: a misaligned column can put a secret where a date was expected.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const no = (reason: string): Parsed<never> => ({ ok: false, reason });

const TRUE = new Set(["true", "yes", "1"]);
const FALSE = new Set(["false", "no", "0"]);

export function parseBoolean(text: string): Parsed<boolean> {
  const t = text.trim().toLowerCase();
  if (TRUE.has(t)) return ok(true);
  if (FALSE.has(t)) return ok(false);
  return no("expected true or false");
}

export function parseEnum<T extends string>(allowed: readonly T[], text: string): Parsed<T> {
  const t = text.trim().toLowerCase();
  return (allowed as readonly string[]).includes(t) ? ok(t as T) : no(`expected one of: ${allowed.join(", ")}`);
}

/** `a; b;c` → ["a", "b", "c"]; empty items are dropped. */
export function parseList(text: string, separator = ";"): string[] {
  return text.split(separator).map((s) => s.trim()).filter((s) => s !== "");
}

export function parseDate(text: string): Parsed<string> {
  const r = parseInstant(text);
  return r.ok ? r : no(r.reason);
}

/** Provider names are free text but compared lowercase (`AWS` and `aws` are one provider). */
export function normalizeProvider(text: string): string {
  return text.trim().toLowerCase();
}
