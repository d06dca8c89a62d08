import { createHash } from "node:crypto";
import { manifestSchema, recordCounter, sha256Sums, type Manifest } from "./manifest";
import { forEachZipEntry, type ZipLimits, type ZipSource } from "./read-zip";
import { keyIdOf, verifySignature } from "./signing";

export type VerifyResult = {
  ok: boolean;
  /** The manifest, when it could be read. */
  manifest: Manifest | null;
  /** Which key verified the signature, if one did. */
  keyId: string | null;
  /** One line per problem, each naming the file. */
  problems: string[];
};

type EntryDigest = { sha256: string; bytes: number; records: number | null };

/** The only entries read into memory; every other file is hashed and counted as it streams past. */
const METADATA = new Set(["manifest.json", "manifest.sig", "SHA256SUMS", "SHA256SUMS.sig"]);
const MAX_METADATA_MB = 64;

/**
 * Entries stream through, so memory stays flat whatever their size, and each must inflate to exactly the size its
 * header declares (read-zip), so the declared total is the work a package can ask for. 64 GB is many times the
 * largest real package and still hashes in minutes; a small zip declaring terabytes is refused before any of it is
 * read, instead of keeping the CLI busy for hours.
 */
const LIMITS: ZipLimits = { maxEntries: 10_000, maxTotalBytes: 64 * 1024 ** 3 };

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** One pass over the zip: every entry's SHA-256, size and record count, and the bytes of the metadata files. */
async function readPackage(source: ZipSource) {
  const digests = new Map<string, EntryDigest>();
  const metadata = new Map<string, Buffer>();
  const oversized = new Set<string>();
  await forEachZipEntry(source, LIMITS, async (name, stream) => {
    const hash = createHash("sha256");
    const counter = recordCounter(name);
    let bytes = 0;
    let kept: Buffer[] | null = METADATA.has(name) ? [] : null;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      counter.update(chunk);
      bytes += chunk.length;
      kept?.push(chunk);
      if (kept && bytes > MAX_METADATA_MB * 1024 * 1024) {
        kept = null;
        oversized.add(name);
      }
    }
    digests.set(name, { sha256: hash.digest("hex"), bytes, records: counter.count() });
    if (kept) metadata.set(name, Buffer.concat(kept));
  });
  return { digests, metadata, oversized };
}

const tooLarge = (name: string) => `${name}: over ${MAX_METADATA_MB} MB, too large to be a Leash package's ${name}`;
const unreadable = (problem: string): VerifyResult => ({ ok: false, manifest: null, keyId: null, problems: [problem] });

/**
 * Checks a package offline, from a file (streamed, so a package of many GB needs little memory) or from its bytes:
 * the signatures over manifest.json and SHA256SUMS with any of the given public keys (current or retired), then every
 * file's SHA-256, size and record count against the manifest, files missing or not listed, and SHA256SUMS line by
 * line. Entries may come in any order: all are digested first and compared with the manifest at the end.
 */
export async function verifyPackage(source: ZipSource, publicKeysPem: readonly string[]): Promise<VerifyResult> {
  let read: PackageRead;
  try {
    read = await readPackage(source);
  } catch (error) {
    return unreadable(error instanceof Error ? error.message : "unreadable package");
  }
  const { digests, metadata, oversized } = read;
  if (oversized.has("manifest.json")) return unreadable(tooLarge("manifest.json"));
  const manifestRaw = metadata.get("manifest.json");
  if (!manifestRaw) return unreadable("manifest.json: missing");
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(manifestRaw.toString("utf8")));
  } catch {
    return withoutManifest(read, manifestRaw, publicKeysPem);
  }

  const problems: string[] = [];
  const verifiedBy = signatureCheck(read, publicKeysPem, problems, ` (signed by key ${manifest.signature.keyId})`);
  const keyId = verifiedBy("manifest.sig", manifestRaw, "manifest.json");
  const listed = new Set(METADATA);
  for (const file of manifest.files) {
    listed.add(file.path);
    const found = digests.get(file.path);
    if (!found) {
      problems.push(`${file.path}: missing from the package`);
      continue;
    }
    if (found.sha256 !== file.sha256) problems.push(`${file.path}: SHA-256 does not match the manifest`);
    if (found.bytes !== file.bytes) problems.push(`${file.path}: ${found.bytes} bytes, the manifest says ${file.bytes}`);
    if (found.records !== file.records) problems.push(`${file.path}: ${found.records ?? "no"} records, the manifest says ${file.records ?? "none"}`);
  }
  for (const path of digests.keys()) if (!listed.has(path)) problems.push(`${path}: in the package but not in the manifest`);

  const signatureDigest = digests.get("manifest.sig");
  const expected = [
    ...manifest.files,
    { path: "manifest.json", sha256: sha256(manifestRaw) },
    ...(signatureDigest ? [{ path: "manifest.sig", sha256: signatureDigest.sha256 }] : []),
  ];
  const sums = metadata.get("SHA256SUMS");
  if (oversized.has("SHA256SUMS")) problems.push(tooLarge("SHA256SUMS"));
  else if (!sums) problems.push("SHA256SUMS: missing");
  else {
    if (manifest.signature.sums) verifiedBy(manifest.signature.sums, sums, "SHA256SUMS");
    if (sums.toString("utf8") !== sha256Sums(expected)) problems.push(...sumsProblems(sums.toString("utf8"), expected));
  }

  return { ok: problems.length === 0, manifest, keyId, problems };
}

type PackageRead = Awaited<ReturnType<typeof readPackage>>;

/** Checks a signature file over some bytes with the given keys, adding a named problem when it does not verify. */
function signatureCheck({ metadata, oversized }: PackageRead, publicKeysPem: readonly string[], problems: string[], signedBy = "") {
  return (file: string, bytes: Buffer, of: string): string | null => {
    const signature = metadata.get(file);
    if (oversized.has(file)) problems.push(tooLarge(file));
    else if (!signature) problems.push(`${file}: missing`);
    else {
      const key = publicKeysPem.find((pem) => verifySignature(bytes, signature, pem));
      if (key) return keyIdOf(key);
      problems.push(`${file}: the signature over ${of} does not verify with ${publicKeysPem.length === 1 ? "the given public key" : `any of the ${publicKeysPem.length} given public keys`}${signedBy}`);
    }
    return null;
  };
}

/**
 * A manifest.json that no longer parses lists nothing to check files against, but the package still says what is
 * wrong with it: manifest.sig is checked over the raw bytes (a changed manifest fails it, by name), SHA256SUMS.sig
 * over SHA256SUMS, and every file against SHA256SUMS, so an auditor learns which files were changed too.
 */
function withoutManifest(read: PackageRead, manifestRaw: Buffer, publicKeysPem: readonly string[]): VerifyResult {
  const problems = ["manifest.json: not a Leash evidence manifest"];
  const verifiedBy = signatureCheck(read, publicKeysPem, problems);
  const keyId = verifiedBy("manifest.sig", manifestRaw, "manifest.json");
  const sums = read.metadata.get("SHA256SUMS");
  if (read.oversized.has("SHA256SUMS")) problems.push(tooLarge("SHA256SUMS"));
  else if (!sums) problems.push("SHA256SUMS: missing, so no file could be checked");
  else {
    if (read.digests.has("SHA256SUMS.sig")) verifiedBy("SHA256SUMS.sig", sums, "SHA256SUMS");
    problems.push(...filesAgainstSums(sums.toString("utf8"), read.digests));
  }
  return { ok: false, manifest: null, keyId, problems };
}

/** Each file against its line of SHA256SUMS, as `sha256sum -c` would, and the files it does not list. */
function filesAgainstSums(text: string, digests: ReadonlyMap<string, EntryDigest>): string[] {
  const problems: string[] = [];
  const listed = new Set(["SHA256SUMS", "SHA256SUMS.sig"]);
  for (const line of text.split("\n")) {
    const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (!match) {
      if (line) return [...problems, "SHA256SUMS: not in sha256sum's format (a 64-digit hash, two spaces, a path per line)"];
      continue;
    }
    const [, hash, path] = match as unknown as [string, string, string];
    listed.add(path);
    const found = digests.get(path);
    if (!found) problems.push(`${path}: missing from the package`);
    else if (found.sha256 !== hash) problems.push(`${path}: SHA-256 does not match SHA256SUMS`);
  }
  for (const path of digests.keys()) if (!listed.has(path)) problems.push(`${path}: in the package but not in SHA256SUMS`);
  return problems;
}

/** Where SHA256SUMS departs from the files it should list, line by line, so the problem names the file. */
function sumsProblems(text: string, expected: readonly { path: string; sha256: string }[]): string[] {
  const listed = new Map<string, string>();
  for (const line of text.split("\n")) {
    const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (match) listed.set(match[2]!, match[1]!);
    else if (line) return ["SHA256SUMS: not in sha256sum's format (a 64-digit hash, two spaces, a path per line)"];
  }
  const problems: string[] = [];
  for (const { path, sha256 } of expected) {
    const hash = listed.get(path);
    if (hash === undefined) problems.push(`SHA256SUMS: does not list ${path}`);
    // The data files' hashes come from the (signed) manifest; manifest.json's and manifest.sig's from the files themselves.
    else if (hash !== sha256) problems.push(`SHA256SUMS: its hash for ${path} is not ${METADATA.has(path) ? `that of ${path} in the package` : "the manifest's"}`);
    listed.delete(path);
  }
  for (const path of listed.keys()) problems.push(`SHA256SUMS: lists ${path}, which the manifest does not`);
  return problems.length ? problems : ["SHA256SUMS: lists the right hashes, but not in the manifest's order and form"];
}
