import type { ScanRunDto } from "../lib/domain/scan";
import type { Finding } from "../lib/scanner/types";
import { keyCheckOf } from "../lib/scanner/fingerprint";
import { callApi, type Remote } from "./remote";

export const CLI_SCANNER_VERSION = "leash-scanner/0.1.0";

/** Fails before scanning when this key is not the server's: fingerprints must match the inventory's. */
export async function assertSameKey(remote: Remote, key: Uint8Array): Promise<void> {
  const { keyCheck } = await callApi<{ keyCheck: string }>(remote, "/api/v1/scans/key-check");
  if (keyCheck !== keyCheckOf(key)) {
    throw new Error("--fingerprint-key is not this Leash instance's fingerprint key: findings would never match its inventory");
  }
}

/** Sends a finished scan (fingerprints and redacted previews only) to the server as one run of the corpus. */
export function uploadScan(
  remote: Remote,
  corpus: string,
  key: Uint8Array,
  scan: { startedAt: string; files: number; bytes: number; findings: Finding[] },
): Promise<ScanRunDto> {
  const body = {
    scannerVersion: CLI_SCANNER_VERSION,
    keyCheck: keyCheckOf(key),
    startedAt: scan.startedAt,
    stats: { files: scan.files, bytes: scan.bytes },
    findings: scan.findings,
  };
  return callApi<ScanRunDto>(remote, `/api/v1/corpora/${encodeURIComponent(corpus)}/scan-results`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}
