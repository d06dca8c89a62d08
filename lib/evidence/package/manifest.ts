import { z } from "zod";

/**
 * manifest.json: what the package is (framework, instant or period, who and when, which rules and parameters),
 * every other file with its SHA-256, size and record count, and how complete the populations are. Its bytes are
 * what manifest.sig signs.
 */

export const MANIFEST_FORMAT = "leash-evidence/1";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestFileSchema = z.object({
  path: z.string().min(1),
  sha256,
  bytes: z.number().int().min(0),
  /** CSV rows after the header, or JSONL lines; null for documents (PDF, JSON, text). */
  records: z.number().int().min(0).nullable(),
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  package: z.uuid(),
  generator: z.object({ name: z.literal("Leash"), version: z.string() }),
  framework: z.object({ id: z.string(), name: z.string() }),
  scope: z.union([z.object({ kind: z.literal("as_of"), asOf: z.string() }), z.object({ kind: z.literal("period"), from: z.string(), to: z.string() })]),
  generatedAt: z.string(),
  generatedBy: z.string(),
  rules: z.object({ version: z.string(), parametersVersion: z.number().int(), parametersHash: z.string() }),
  signature: z.object({ algorithm: z.literal("Ed25519"), keyId: z.string(), file: z.literal("manifest.sig") }),
  files: z.array(manifestFileSchema),
  /** Population counts per source, reconciled with what the import runs said they imported. */
  completeness: z.record(z.string(), z.unknown()),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The manifest's bytes: stable key order (as built), two-space indent, trailing newline. */
export function manifestBytes(manifest: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
}

/** Records in a data file, counted the way the manifest states them. */
export function countRecords(path: string, bytes: Uint8Array): number | null {
  if (path.endsWith(".jsonl")) return Buffer.from(bytes).toString("utf8").split("\n").filter((l) => l.trim() !== "").length;
  if (path.endsWith(".csv")) return Math.max(0, csvRowCount(Buffer.from(bytes).toString("utf8")) - 1);
  return null;
}

/** Rows of an RFC 4180 text: line breaks inside quoted cells do not end a row. */
function csvRowCount(text: string): number {
  let rows = 0;
  let quoted = false;
  let rowHasContent = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === "\n" && !quoted) {
      rows++;
      rowHasContent = false;
      continue;
    }
    if (c !== "\r") rowHasContent = true;
  }
  return rows + (rowHasContent ? 1 : 0);
}

/** GNU coreutils format ("<hex>  <path>"), so `sha256sum -c SHA256SUMS` checks every file. */
export function sha256Sums(files: readonly { path: string; sha256: string }[]): string {
  return files.map((f) => `${f.sha256}  ${f.path}\n`).join("");
}
