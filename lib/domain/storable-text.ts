/**
 * Strings Postgres cannot store: text holds no NUL character, and a JSON document (jsonb) no half of a UTF-16
 * surrogate pair. Input carrying either is refused where it is read, naming the field; caught by the database
 * instead, it would fail the whole write around it without saying where.
 */

export const NUL_REASON = "contains a NUL character (\\u0000), which cannot be stored";
export const SURROGATE_REASON = "contains half of a UTF-16 surrogate pair, which cannot be stored";

/** The first unstorable string in a value (keys included) with its path (`tags.env`, `environments[1]`), or null. */
export function unstorablePath(value: unknown, path = ""): { path: string; reason: string } | null {
  if (typeof value === "string") {
    const m = UNSTORABLE.exec(value);
    return m ? { path, reason: m[0] === "\u0000" ? NUL_REASON : SURROGATE_REASON } : null;
  }
  if (value === null || typeof value !== "object" || value instanceof Date) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorablePath(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  for (const [key, inner] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    const found = unstorablePath(key, at) ?? unstorablePath(inner, at);
    if (found) return found;
  }
  return null;
}

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
