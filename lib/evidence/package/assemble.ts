import { createHash } from "node:crypto";
import { MANIFEST_FORMAT, manifestBytes, sha256Sums, type Manifest, type ManifestFile } from "./manifest";
import { signBytes } from "./signing";
import { CLI_CHECK_COMMAND, DATA_HASH_COMMAND, PUBLIC_KEY_FILE, STOCK_CHECK_STEPS } from "./stock-check";
import type { Spool, SpooledFile } from "./spool";
import { writeZipFile, zipEntry } from "./zip";

export type AssembleInput = {
  manifest: Omit<Manifest, "format" | "files" | "signature">;
  /** Every file but manifest.json, manifest.sig, SHA256SUMS and SHA256SUMS.sig, in the order they go into the zip. */
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

/**
 * manifest.json (listing every file), SHA256SUMS (every file's hash, the manifest's included), an Ed25519 signature
 * of each, and the zip of them all, written to the spool.
 */
export async function assemblePackage(input: AssembleInput): Promise<AssembledPackage> {
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    ...input.manifest,
    signature: { algorithm: "Ed25519", keyId: input.key.keyId, file: "manifest.sig", sums: "SHA256SUMS.sig" },
    files: input.files.map(describeFile),
  };
  const manifestJson = manifestBytes(manifest);
  const signature = signBytes(manifestJson, input.key.privateKeyPem);
  const sums = Buffer.from(
    sha256Sums([...manifest.files, { path: "manifest.json", sha256: sha256(manifestJson) }, { path: "manifest.sig", sha256: sha256(signature) }]),
  );
  const sumsSignature = signBytes(sums, input.key.privateKeyPem);
  const file = input.spool.scratch("package.zip");
  const zipped = await writeZipFile(
    [
      zipEntry("manifest.json", manifestJson),
      zipEntry("manifest.sig", signature),
      zipEntry("SHA256SUMS", sums),
      zipEntry("SHA256SUMS.sig", sumsSignature),
      ...input.files.map((f) => f.entry),
    ],
    new Date(manifest.generatedAt),
    file,
  );
  return { file, ...zipped, manifest };
}

/** README.txt: what the package is and how to check it without trusting Leash. */
export function readmeText(m: Pick<Manifest, "framework" | "scope" | "generatedAt" | "generatedBy" | "package" | "populationsAsOf">, keyId: string): string {
  const scope = m.scope.kind === "as_of" ? `as of ${m.scope.asOf}` : `for the period ${m.scope.from} to ${m.scope.to} (UTC days)`;
  return [
    `Leash evidence package ${m.package}`,
    `${m.framework.name}, ${scope}.`,
    `Generated ${m.generatedAt} by ${m.generatedBy}.`,
    ...(m.populationsAsOf
      ? [
          `Populations, findings, inventory, scans, activity and audit log: as Leash knew them at ${m.populationsAsOf}`,
          m.scope.kind === "period"
            ? "(the period's last moment, or the build's if the period had not ended); the daily record covers each day of the period."
            : "(the instant); the daily record covers the 30 days up to it, its last day ending at the instant.",
        ]
      : []),
    "",
    "What is inside",
    "  manifest.json         what the package is, and every file with its SHA-256, size and record count",
    "  manifest.sig          Ed25519 signature over the exact bytes of manifest.json (raw, 64 bytes)",
    "  SHA256SUMS            the SHA-256 of every other file (manifest.json and manifest.sig included), for sha256sum -c",
    "  SHA256SUMS.sig        Ed25519 signature over the exact bytes of SHA256SUMS (raw, 64 bytes)",
    "  summary/controls.csv  each control: status, score, population counts",
    "  summary/daily-controls.csv  each control's status and score on each day (the period's, or the 30 to the instant)",
    "  populations/          one CSV per control: every evaluated item with its result and reason",
    "  inventory/credentials.csv   every credential evaluated, as its version stood at the instant",
    "  findings/findings.csv       every failing evaluation: status, first detection, due date, controls",
    "  exceptions/exceptions.csv   the exceptions register, each decision as it stood at the instant",
    "  scans/corpora.csv, scans/scan-runs.csv   the scanned places and every scan finished by the instant",
    "  scans/secret-findings.csv   secrets found, as redacted previews",
    "  activity/events.csv   every event the populations evaluated; activity/flagged.csv those flagged",
    "                        (cross-environment, use after expiry, unapproved destructive)",
    ...(m.scope.kind === "period"
      ? [
          "                        The populations also weigh events from before the period (a credential's earlier",
          "                        use), so both files end with a column in_period: yes for an event that occurred in",
          "                        the period, no for one before it. Filter on it for the period's own events.",
        ]
      : []),
    "  audit/                the audit log up to the instant, and its hash chain's verification",
    "",
    "Completeness (manifest.json, completeness): each subject kind evaluated against the records listed for it, and",
    "each credential source reconciled with its latest import run by the instant. An import run's created + updated +",
    "unchanged is the number of distinct credentials its file listed; a full sync marks every other credential of the",
    "source missing (never deleted). difference = the source's credentials in the package not marked missing, minus",
    "that number; reconciled = the run was a full sync and the difference is 0. After a partial import, or for a",
    "source with no import run (Leash's own API tokens, kept by its token sync), reconciled is false whatever the",
    "numbers, and basis says why.",
    "  report.pdf            the printable report",
    "  oscal/                OSCAL 1.0.6 assessment results and plan of action and milestones",
    "",
    "How to check it without Leash",
    `  Get the instance's public key (key id ${keyId}) out of band: \`leash evidence public-key --key-id ${keyId}\``,
    `  on the instance (it prints the PEM, also after the key is retired), or the publicKeyPem of that key id in`,
    `  GET /api/v1/evidence/public-key; save it as ${PUBLIC_KEY_FILE}. In the unzipped package:`,
    ...STOCK_CHECK_STEPS.flatMap((step, i) => [`  ${i + 1}. ${step.title}:`, `       ${step.command}`, `     ${step.note}`]),
    "  Steps 1 and 2 together tie every file to the instance's key: a changed file fails step 2, and a",
    "  SHA256SUMS rewritten to match it fails step 1.",
    "",
    "  The report's cover names the data it describes by a data hash, which this prints:",
    `       ${DATA_HASH_COMMAND}`,
    "",
    "With Leash's CLI, all of it and the record counts at once:",
    `  ${CLI_CHECK_COMMAND}`,
    "",
    "No secret value is in this package: scan results carry only redacted previews, never a value or its fingerprint.",
    "",
  ].join("\n");
}
