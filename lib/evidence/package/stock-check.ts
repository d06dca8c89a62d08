/**
 * How an auditor checks a package with stock tools, without trusting Leash: the one wording README.txt and the
 * Evidence page both show, and the commands the package tests run verbatim.
 *
 * SHA256SUMS is signed, and it lists every other file (manifest.json and its signature included): verifying its
 * signature and then running `sha256sum -c` ties every file to the instance's key. An unsigned SHA256SUMS would
 * prove nothing, since whoever changed a file could rewrite its sum.
 */
export const PUBLIC_KEY_FILE = "leash-public-key.pem";

export type StockCheckStep = { title: string; note: string; command: string };

export const STOCK_CHECK_STEPS: readonly StockCheckStep[] = [
  {
    title: "SHA256SUMS was signed by the Leash instance",
    note: `With the instance's public key saved as ${PUBLIC_KEY_FILE}; it prints "Signature Verified Successfully".`,
    command: `openssl pkeyutl -verify -pubin -inkey ${PUBLIC_KEY_FILE} -rawin -in SHA256SUMS -sigfile SHA256SUMS.sig`,
  },
  {
    title: "Every file is the one SHA256SUMS lists",
    note: "In the unzipped package; every line should end in OK. manifest.json is among them, so its record counts are covered too.",
    command: "sha256sum -c SHA256SUMS",
  },
  {
    title: "The manifest's own signature, for tools that read manifest.json alone",
    note: "The same key; it prints \"Signature Verified Successfully\".",
    command: `openssl pkeyutl -verify -pubin -inkey ${PUBLIC_KEY_FILE} -rawin -in manifest.json -sigfile manifest.sig`,
  },
];

export const CLI_CHECK_COMMAND = `leash evidence verify package.zip --public-key ${PUBLIC_KEY_FILE}`;

/**
 * The report is inside the package, so it cannot name the package's hash; its cover names the data it describes
 * instead: the SHA-256 of the SHA256SUMS lines of the data files (these folders, in SHA256SUMS's order). README.txt,
 * report.pdf, the OSCAL documents, the manifest and the signatures are outside it.
 */
export const DATA_FOLDERS = ["summary", "populations", "inventory", "findings", "exceptions", "scans", "activity", "audit"] as const;
export const DATA_HASH_COMMAND = `grep -E '  (${DATA_FOLDERS.join("|")})/' SHA256SUMS | sha256sum`;
