import "server-only";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type { ScanRunDto, ScanUpload } from "@/lib/domain/scan";
import { scanPaths } from "@/lib/scanner/scan";
import { env } from "./env";
import { fingerprintKey } from "./instance-secrets";
import { instanceKeyCheck, recordedScanRun, recordScan, SCANNER_VERSION } from "./scans";
import { meterUpload } from "./upload-meter";
import { requirePermission, type Viewer } from "./viewer";

/**
 * Permission: scan:write. Scans an uploaded export (a Slack or Confluence export zip, or a single file) on the
 * server: streamed to a private temporary folder, scanned with the zip reader's entry and ratio limits, recorded,
 * and deleted. The file never enters the database; only fingerprints and redacted previews do.
 */
export async function scanUploadedArchive(viewer: Viewer, corpusIdOrName: string, fileName: string, input: AsyncIterable<Uint8Array>, runId?: string): Promise<ScanRunDto> {
  requirePermission(viewer, "scan:write");
  const recorded = runId ? await recordedScanRun(runId) : null;
  if (recorded) return recorded;
  const dir = await mkdtemp(path.join(tmpdir(), "leash-scan-"));
  try {
    const safeName = `${randomUUID()}${/\.zip$/i.test(fileName) ? ".zip" : path.extname(fileName).replace(/[^.\w]/g, "").slice(0, 10)}`;
    const file = path.join(dir, safeName);
    await pipeline(Readable.from(meterUpload(input, env().LEASH_MAX_UPLOAD_MB * 1_048_576).stream), createWriteStream(file, { mode: 0o600 }));
    const startedAt = new Date().toISOString();
    const result = await scanPaths([file], { fingerprintKey: fingerprintKey(), workers: 0 });
    // Validated again by recordScan's schema; the cast only bridges the scanner's interface to the wire type.
    // The temporary name must not leak into what is stored: locations and reader context name the upload.
    const rename = (text: string) => text.split(safeName).join(fileName);
    const findings = result.findings.map((f) => ({
      ...f,
      file: rename(f.file),
      ...(f.context ? { context: Object.fromEntries(Object.entries(f.context).map(([k, v]) => [k, typeof v === "string" ? rename(v) : v])) } : {}),
    })) as ScanUpload["findings"];
    return await recordScan(
      viewer,
      corpusIdOrName,
      { scannerVersion: SCANNER_VERSION, keyCheck: instanceKeyCheck(), startedAt, stats: { files: result.stats.files, bytes: result.stats.bytes }, findings },
      "upload",
      runId,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
