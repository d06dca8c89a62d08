import { createHash } from "node:crypto";
import { countRecords, manifestSchema, sha256Sums, type Manifest } from "./manifest";
import { readZipEntries } from "./read-zip";
import { keyIdOf, verifyManifest } from "./signing";

export type VerifyResult = {
  ok: boolean;
  /** The manifest, when it could be read. */
  manifest: Manifest | null;
  /** Which key verified the signature, if one did. */
  keyId: string | null;
  /** One line per problem, each naming the file. */
  problems: string[];
};

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * Checks a package offline: the signature over manifest.json with any of the given public keys (current or retired),
 * then every file's SHA-256, size and record count against the manifest, files missing or not listed, and SHA256SUMS.
 */
export async function verifyPackage(zipBytes: Buffer, publicKeysPem: readonly string[]): Promise<VerifyResult> {
  const problems: string[] = [];
  let entries: Map<string, Buffer>;
  try {
    entries = await readZipEntries(zipBytes);
  } catch (error) {
    return { ok: false, manifest: null, keyId: null, problems: [error instanceof Error ? error.message : "unreadable package"] };
  }
  const manifestRaw = entries.get("manifest.json");
  const signature = entries.get("manifest.sig");
  if (!manifestRaw) return { ok: false, manifest: null, keyId: null, problems: ["manifest.json: missing"] };
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(manifestRaw.toString("utf8")));
  } catch {
    return { ok: false, manifest: null, keyId: null, problems: ["manifest.json: not a Leash evidence manifest"] };
  }

  let keyId: string | null = null;
  if (!signature) problems.push("manifest.sig: missing");
  else {
    const key = publicKeysPem.find((pem) => verifyManifest(manifestRaw, signature, pem));
    if (key) keyId = keyIdOf(key);
    else problems.push(`manifest.sig: the signature over manifest.json does not verify with ${publicKeysPem.length === 1 ? "the given public key" : `any of the ${publicKeysPem.length} given public keys`} (signed by key ${manifest.signature.keyId})`);
  }

  const listed = new Set(["manifest.json", "manifest.sig", "SHA256SUMS"]);
  for (const file of manifest.files) {
    listed.add(file.path);
    const bytes = entries.get(file.path);
    if (!bytes) {
      problems.push(`${file.path}: missing from the package`);
      continue;
    }
    if (sha256(bytes) !== file.sha256) problems.push(`${file.path}: SHA-256 does not match the manifest`);
    if (bytes.length !== file.bytes) problems.push(`${file.path}: ${bytes.length} bytes, the manifest says ${file.bytes}`);
    const records = countRecords(file.path, bytes);
    if (records !== file.records) problems.push(`${file.path}: ${records ?? "no"} records, the manifest says ${file.records ?? "none"}`);
  }
  for (const path of entries.keys()) if (!listed.has(path)) problems.push(`${path}: in the package but not in the manifest`);

  const sums = entries.get("SHA256SUMS");
  const expectedSums = sha256Sums([
    ...manifest.files,
    { path: "manifest.json", sha256: sha256(manifestRaw) },
    ...(signature ? [{ path: "manifest.sig", sha256: sha256(signature) }] : []),
  ]);
  if (!sums) problems.push("SHA256SUMS: missing");
  else if (sums.toString("utf8") !== expectedSums) problems.push("SHA256SUMS: does not list the package's files with their hashes");

  return { ok: problems.length === 0, manifest, keyId, problems };
}
