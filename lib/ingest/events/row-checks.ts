import type { z } from "zod";
import { MAX_JSON_DEPTH, NUL_REASON, SURROGATE_REASON, TOO_DEEP } from "../../domain/storable-text";
import { type Checked, issueReason } from "../../domain/zod-issue";
import type { FieldProblem, RowError } from "../row-error";
import { checkNotFuture, parseZonedTimestamp } from "./timestamps";

/** Every zod issue of checking a row, each naming its field (dotted path). */
export function zodProblems(error: z.ZodError, checked: Checked): FieldProblem[] {
  return error.issues.map((issue) => {
    const field = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : String(p))).join(".").replace(/\.\[/g, "[");
    const reason = issueReason(issue, checked);
    return field ? { field, reason } : { reason };
  });
}

/** A line's JSON value, or the row error saying it is none (a line cut short is the usual cause). */
export function jsonOfLine(line: number, text: string, reason = "not valid JSON (truncated line?)"): { value: unknown } | { error: RowError } {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { error: { line, reason } };
  }
}

/** A zoned, not-far-future timestamp in UTC ISO form, or the row error naming `field`. */
export function checkedTimestamp(
  line: number,
  field: string,
  value: unknown,
  now: Date,
  maxSkewMs: number,
): { iso: string } | { error: RowError } {
  if (typeof value !== "string") return { error: { line, field, reason: "timestamp must be a string" } };
  const parsed = parseZonedTimestamp(value);
  if (!parsed.ok) return { error: { line, field, reason: parsed.reason } };
  const future = checkNotFuture(parsed.iso, now, maxSkewMs);
  if (future) return { error: { line, field, reason: future } };
  return { iso: parsed.iso };
}

/**
 * Why Postgres would refuse to store this JSON text, or null: a string it cannot hold (see storable-text.ts), or
 * nesting deeper than MAX_JSON_DEPTH (its parser runs out of stack long before ours). It reads the text an event is
 * stored as, instead of walking every parsed value: the check is on the path of every event.
 */
export function unstorableJson(json: string): string | null {
  if (nestedDeeperThan(json, MAX_JSON_DEPTH)) return TOO_DEEP;
  if (!json.includes("\\u")) return null;
  const escape = /\\u([0-9a-fA-F]{4})/g;
  for (let m = escape.exec(json); m; m = escape.exec(json)) {
    if (escapedAt(json, m.index)) continue; // an escaped backslash followed by "u…", not an escape
    const code = Number.parseInt(m[1]!, 16);
    if (code === 0) return NUL_REASON;
    const high = code >= 0xd800 && code <= 0xdbff;
    if (!high && !(code >= 0xdc00 && code <= 0xdfff)) continue;
    if (!high || !LOW_SURROGATE_ESCAPE.test(json.slice(escape.lastIndex, escape.lastIndex + 6))) {
      return `${SURROGATE_REASON} (\\u${m[1]})`;
    }
    escape.lastIndex += 6; // the pair's low half
  }
  return null;
}

const LOW_SURROGATE_ESCAPE = /^\\u[dD][c-fC-F][0-9a-fA-F]{2}$/;

/** Whether brackets and braces outside strings nest deeper than `limit`; stops as soon as they do. */
function nestedDeeperThan(json: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // Jump to the string's closing quote: one after an odd run of backslashes is part of the string.
      do {
        i = json.indexOf('"', i + 1);
        if (i < 0) return false;
      } while (escapedAt(json, i));
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > limit) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return false;
}

/** Whether the character at `at` is escaped: an odd run of backslashes comes before it. */
function escapedAt(text: string, at: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(at - 1 - backslashes) === 0x5c /* \ */) backslashes++;
  return backslashes % 2 === 1;
}
