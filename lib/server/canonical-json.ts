/**
 * JSON with object keys sorted at every depth, so equal values always serialize to equal bytes. Not the event ingest
 * key's form (lib/ingest/events/canonical.ts, which orders integer-like keys as text): hashes made with each are
 * stored (the audit chain here, ingest keys there), so neither may change.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
