import { createHash } from "node:crypto";

/**
 * JSON with object keys sorted at every depth (by UTF-16 code units, integer-like keys too) and `undefined` members
 * dropped, so two equal values always serialize to the same bytes whatever order their fields were built in. The
 * ingest key of an event without an id is a hash of this text, so its output must never change; that is also why
 * it is not the audit chain's canonical form (lib/server/canonical-json.ts), which orders integer-like keys
 * numerically and writes dates as ISO strings. Built by appending, not by arrays of entries: it runs once per event.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ",";
      if (i in value) out += value[i] === undefined ? "null" : canonicalJson(value[i]);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = "{";
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined) continue;
    if (out.length > 1) out += ",";
    out += `${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
