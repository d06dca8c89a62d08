import { createHash } from "node:crypto";
import { MANIFEST_FORMAT, manifestBytes, sha256Sums, type Manifest, type ManifestFile } from "./manifest";
import { signManifest } from "./signing";
import type { Spool, SpooledFile } from "./spool";
import { writeZipFile, zipEntry } from "./zip";

export type AssembleInput = {
  manifest: Omit<Manifest, "format" | "files" | "signature">;
  /** Every file but manifest.json, manifest.sig and SHA256SUMS, in the order they go into the zip. */
  files: readonly SpooledFile[];
  key: { privateKeyPem: string; keyId: string };
  /** Where the files are, and where the zip is written. */
  spool: Spool;
};
export type AssembledPackage = { file: string; sha256: string; bytes: number; manifest: Manifest };

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** The lines a file contributes to the manifest: path, SHA-256, size and record count. */
export function describeFile({ path, sha256, bytes, records }: SpooledFile): ManifestFile {
  return { path, sha256, bytes, records };
}

/**
 * The content hash shown on the report's cover: SHA-256 of the sums of the data files. The report cannot carry the
 * hash of the zip it is inside, so it names the data it describes instead.
 */
export function contentHash(files: readonly ManifestFile[]): string {
  return sha256(Buffer.from(sha256Sums(files)));
}

/** manifest.json (listing every file), its Ed25519 signature, SHA256SUMS, and the zip of them all, written to the spool. */
export async function assemblePackage(input: AssembleInput): Promise<AssembledPackage> {
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    ...input.manifest,
    signature: { algorithm: "Ed25519", keyId: input.key.keyId, file: "manifest.sig" },
    files: input.files.map(describeFile),
  };
  const manifestJson = manifestBytes(manifest);
  const signature = signManifest(manifestJson, input.key.privateKeyPem);
  const sums = Buffer.from(
    sha256Sums([...manifest.files, { path: "manifest.json", sha256: sha256(manifestJson) }, { path: "manifest.sig", sha256: sha256(signature) }]),
  );
  const file = input.spool.scratch("package.zip");
  const zipped = await writeZipFile(
    [zipEntry("manifest.json", manifestJson), zipEntry("manifest.sig", signature), zipEntry("SHA256SUMS", sums), ...input.files.map((f) => f.entry)],
    new Date(manifest.generatedAt),
    file,
  );
  return { file, ...zipped, manifest };
}

/** README.txt: what the package is and how to check it without trusting Leash. */
export function readmeText(m: Pick<Manifest, "framework" | "scope" | "generatedAt" | "generatedBy" | "package">, keyId: string): string {
  const scope = m.scope.kind === "as_of" ? `as of ${m.scope.asOf}` : `for the period ${m.scope.from} to ${m.scope.to}`;
  return [
    `Leash evidence package ${m.package}`,
    `${m.framework.name}, ${scope}.`,
    `Generated ${m.generatedAt} by ${m.generatedBy}.`,
    "",
    "What is inside",
    "  manifest.json         what the package is, and every file with its SHA-256, size and record count",
    "  manifest.sig          Ed25519 signature over the exact bytes of manifest.json (raw, 64 bytes)",
    "  SHA256SUMS            the SHA-256 of every other file, for sha256sum -c",
    "  summary/controls.csv  each control: status, score, population counts",
    "  summary/daily-controls.csv  each control's status and score on each day (the period's, or the 30 to the instant)",
    "  populations/          one CSV per control: every evaluated item with its result and reason",
    "  inventory/, findings/, exceptions/, scans/, activity/, audit/   the records behind the numbers",
    "  report.pdf            the printable report",
    "  oscal/                OSCAL 1.0.6 assessment results and plan of action and milestones",
    "",
    "How to check it without Leash",
    "  1. Every file is the one the manifest lists:",
    "       sha256sum -c SHA256SUMS",
    `  2. The manifest was signed by the Leash instance (key id ${keyId}). Get its public key out of band`,
    "     (GET /api/v1/evidence/public-key on the instance, or `leash evidence public-key` there), save it as",
    "     leash-public-key.pem, then:",
    "       openssl pkeyutl -verify -pubin -inkey leash-public-key.pem -rawin -in manifest.json -sigfile manifest.sig",
    "     It prints \"Signature Verified Successfully\". Step 1 then ties every file to the signed manifest.",
    "",
    "With Leash's CLI, both steps and the record counts at once:",
    "  leash evidence verify package.zip --public-key leash-public-key.pem",
    "",
    "No secret value is in this package: scan results carry only redacted previews, never a value or its fingerprint.",
    "",
  ].join("\n");
}
