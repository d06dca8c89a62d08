/**
 * Strings Postgres cannot store: text holds no NUL character, and a JSON document (jsonb) no half of a UTF-16
 * surrogate pair. Input carrying either is refused where it is read, naming the field; caught by the database
 * instead, it would fail the whole write around it without saying where.
 */

export const NUL_REASON = "contains a NUL character (\\u0000), which cannot be stored";
export const SURROGATE_REASON = "contains half of a UTF-16 surrogate pair, which cannot be stored";

/**
 * Far deeper than any real record (CloudTrail's nest about six), far shallower than what runs a recursive reader —
 * Postgres's JSON parser, or a walk over the value — out of stack.
 */
export const MAX_JSON_DEPTH = 64;
export const TOO_DEEP = `nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels`;

/**
 * The first unstorable string in a value (keys included) with its path (`tags.env`, `environments[1]`), or null;
 * also a value nested deeper than MAX_JSON_DEPTH, where the path is that of the first array or object too deep.
 */
export function unstorablePath(value: unknown, path = "", depth = 0): { path: string; reason: string } | null {
  if (typeof value === "string") {
    const m = UNSTORABLE.exec(value);
    return m ? { path, reason: m[0] === "\u0000" ? NUL_REASON : SURROGATE_REASON } : null;
  }
  if (value === null || typeof value !== "object" || value instanceof Date) return null;
  if (depth >= MAX_JSON_DEPTH) return { path, reason: TOO_DEEP };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorablePath(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, inner] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    const found = unstorablePath(key, at) ?? unstorablePath(inner, at, depth + 1);
    if (found) return found;
  }
  return null;
}

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
