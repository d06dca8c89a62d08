import type { Parsed } from "./values";
import { parseDate } from "./values";

/**
 * Typed reads from a parsed JSON object by dotted path. Absent and `null` both read as `undefined`
 * ("not stated"); a value of the wrong type is an error naming what was expected, never the value itself.
 */

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const no = (reason: string): Parsed<never> => ({ ok: false, reason });

export function at(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split(".")) {
    if (typeof cur !== "object" || cur === null || Array.isArray(cur)) return undefined;
    cur = Object.hasOwn(cur, key) ? (cur as Record<string, unknown>)[key] : undefined;
  }
  return cur;
}

export function optString(obj: unknown, path: string): Parsed<string | undefined> {
  const v = at(obj, path);
  if (v === undefined || v === null) return ok(undefined);
  if (typeof v !== "string") return no("expected a string");
  return ok(v.trim() === "" ? undefined : v.trim());
}

export function optBoolean(obj: unknown, path: string): Parsed<boolean | undefined> {
  const v = at(obj, path);
  if (v === undefined || v === null) return ok(undefined);
  return typeof v === "boolean" ? ok(v) : no("expected true or false");
}

export function optNumber(obj: unknown, path: string): Parsed<number | undefined> {
  const v = at(obj, path);
  if (v === undefined || v === null) return ok(undefined);
  return typeof v === "number" && Number.isFinite(v) ? ok(v) : no("expected a number");
}

export function optDate(obj: unknown, path: string): Parsed<string | undefined> {
  const s = optString(obj, path);
  if (!s.ok || s.value === undefined) return s;
  return parseDate(s.value);
}

export function optStringArray(obj: unknown, path: string): Parsed<string[] | undefined> {
  const v = at(obj, path);
  if (v === undefined || v === null) return ok(undefined);
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) return no("expected an array of strings");
  return ok(v);
}

/** A string-keyed object of strings (labels, annotations, permission maps). */
export function optStringMap(obj: unknown, path: string): Parsed<Record<string, string> | undefined> {
  const v = at(obj, path);
  if (v === undefined || v === null) return ok(undefined);
  if (typeof v !== "object" || Array.isArray(v) || !Object.values(v).every((x) => typeof x === "string")) {
    return no("expected an object of strings");
  }
  return ok(v as Record<string, string>);
}
