import yauzl from "yauzl";
import { scanContent, skipReason, type ContentScanOptions } from "./scan-file";
import { looksBinary } from "./readers";
import type { Finding } from "./types";

/** Limits that keep a hostile archive from exhausting memory or disk (zip bombs, path escapes). */
export const ZIP_LIMITS = {
  maxEntries: 20_000,
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxRatio: 200,
};

export interface ZipScanResult {
  findings: Finding[];
  skipped: Array<{ entry: string; reason: string }>;
}

/** Entries are scanned in memory, never extracted; a name that would leave the archive is still refused. */
export function unsafeEntryName(name: string): boolean {
  return /^[\\/]/.test(name) || /^[A-Za-z]:/.test(name) || name.split(/[\\/]/).includes("..");
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: true, decodeStrings: false, validateEntrySizes: true }, (err, zip) =>
      err || !zip ? reject(err ?? new Error("cannot open archive")) : resolve(zip),
    ),
  );
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, cap: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error("cannot read entry"));
      const parts: Buffer[] = [];
      let size = 0;
      stream.on("data", (b: Buffer) => {
        size += b.length;
        // The header's size can lie; count what actually inflates.
        if (size > cap) stream.destroy(new Error("entry exceeds size limit"));
        else parts.push(b);
      });
      stream.on("error", reject);
      stream.on("end", () => resolve(Buffer.concat(parts)));
    });
  });
}

/** Scans each entry of a zip archive as `archive.zip!inner/path`. */
export async function scanZip(absPath: string, relPath: string, options: ContentScanOptions): Promise<ZipScanResult> {
  const zip = await openZip(absPath);
  const result: ZipScanResult = { findings: [], skipped: [] };
  let entries = 0;
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on("error", reject);
    zip.on("end", () => resolve());
    zip.on("close", () => resolve());
    zip.on("entry", (entry: yauzl.Entry) => {
      void (async () => {
        // Names are decoded here rather than by yauzl, whose own check aborts the whole archive on one bad name.
        const name = Buffer.from(entry.fileName as unknown as Uint8Array).toString("utf8");
        const skip = (reason: string): void => void result.skipped.push({ entry: name, reason });
        entries++;
        const ratio = entry.compressedSize > 0 ? entry.uncompressedSize / entry.compressedSize : 0;
        if (name.endsWith("/")) { /* directory */ }
        else if (entries > ZIP_LIMITS.maxEntries) skip("entry limit");
        else if (unsafeEntryName(name)) skip("path escape");
        // No file system names a file so, and no database column can hold the name a finding would report.
        else if (name.includes("\u0000")) skip("NUL character in the name");
        else if (entry.uncompressedSize > ZIP_LIMITS.maxEntryBytes) skip("size limit");
        else if (ratio > ZIP_LIMITS.maxRatio && entry.uncompressedSize > 1024 * 1024) skip("compression ratio");
        else if (total + entry.uncompressedSize > ZIP_LIMITS.maxTotalBytes) skip("total size limit");
        else if (skipReason(name)) skip(skipReason(name) ?? "skipped");
        else {
          total += entry.uncompressedSize;
          try {
            const bytes = await readEntry(zip, entry, ZIP_LIMITS.maxEntryBytes);
            if (looksBinary(bytes)) skip("binary");
            else result.findings.push(...scanContent(`${relPath}!${name}`, bytes, options).map((f) => ({ ...f, context: { ...f.context, entry: name } })));
          } catch (e) {
            skip(e instanceof Error ? e.message : "unreadable");
          }
        }
        if (entries > ZIP_LIMITS.maxEntries) zip.close();
        else zip.readEntry();
      })().catch(reject);
    });
    zip.readEntry();
  });
  return result;
}
