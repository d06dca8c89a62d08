import { scanFile, type ContentScanOptions } from "./scan-file";
import { emptyStats, type Finding, type ScanStats } from "./types";
import { scanZip } from "./zip";

export interface PathJobResult {
  findings: Finding[];
  skipped: Array<{ file: string; reason: string }>;
  stats: ScanStats;
}

/** One unit of work for the pool: a file on disk, or a zip archive and its entries. */
export async function scanPathJob(absPath: string, relPath: string, options: ContentScanOptions): Promise<PathJobResult> {
  const stats = emptyStats();
  const opts = { ...options, stats };
  try {
    if (/\.zip$/i.test(relPath)) {
      const zip = await scanZip(absPath, relPath, opts);
      return { findings: zip.findings, skipped: zip.skipped.map((s) => ({ file: `${relPath}!${s.entry}`, reason: s.reason })), stats };
    }
    const result = await scanFile(absPath, relPath, opts);
    if (typeof result === "string") {
      stats.skipped++;
      return { findings: [], skipped: [{ file: relPath, reason: result }], stats };
    }
    return { findings: result, skipped: [], stats };
  } catch (e) {
    // Errors name the file and the failure, never content.
    stats.skipped++;
    const reason = e instanceof Error && "code" in e ? String((e as NodeJS.ErrnoException).code) : "unreadable";
    return { findings: [], skipped: [{ file: relPath, reason }], stats };
  }
}
