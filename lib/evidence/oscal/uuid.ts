import { hash } from "node:crypto";
import type { SubjectKind } from "@/lib/rules";

/** RFC 4122 appendix C name-space ids. */
export const NAMESPACE_DNS = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
export const NAMESPACE_URL = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

/**
 * Every id Leash derives by name lives under this namespace: uuidV5(NAMESPACE_URL, "urn:leash"). It must never change,
 * or every finding, resource and risk id in past evidence packages stops matching the next export.
 */
export const LEASH_NAMESPACE = "281c46c5-7a61-5857-a0b2-db0100ee0440";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the OSCAL schemas accept as a UUID: version 4 or 5, RFC 4122 variant. */
export const OSCAL_UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$/;

const namespaceBytes = new Map<string, Buffer>();

function bytesOf(namespace: string): Buffer {
  let bytes = namespaceBytes.get(namespace);
  if (!bytes) {
    if (!UUID.test(namespace)) throw new Error(`uuidV5: namespace is not a UUID: ${namespace}`);
    bytes = Buffer.from(namespace.replace(/-/g, ""), "hex");
    namespaceBytes.set(namespace, bytes);
  }
  return bytes;
}

/** RFC 4122 §4.3 name-based UUID (SHA-1), lowercase. The name is hashed as UTF-8. */
export function uuidV5(namespace: string, name: string): string {
  // One-shot hashing: a package derives millions of these, and a Hash object per id costs more than the hash.
  const bytes = hash("sha1", Buffer.concat([bytesOf(namespace), Buffer.from(name, "utf8")]), "buffer").subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of the finding for (rule, subject): the same failure keeps it across evaluations and exports. */
export function findingUuid(ruleId: string, subjectKind: SubjectKind | string, subjectId: string): string {
  return uuidV5(LEASH_NAMESPACE, `${ruleId}|${subjectKind}|${subjectId}`);
}

/** A name-derived id under the Leash namespace, for OSCAL objects that have no id of their own. */
export function leashUuid(name: string): string {
  return uuidV5(LEASH_NAMESPACE, name);
}
