import yauzl from "yauzl";
import { scanContent, skipReason, type ContentScanOptions } from "./scan-file";
import { looksBinary } from "./readers";
import type { Finding } from "./types";

/** Limits that keep a hostile archive from exhausting memory or disk (zip bombs, path escapes). */
export const ZIP_LIMITS: Readonly<ZipLimits> = {
  maxEntries: 20_000,
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxRatio: 200,
};

export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  maxRatio: number;
}

/** Archives inside archives (a Notion export's `Export-…-Part-1.zip`, a backup of a folder of exports): this deep. */
export const MAX_ZIP_DEPTH = 3;

export interface ZipScanResult {
  findings: Finding[];
  skipped: Array<{ entry: string; reason: string }>;
}

/** Entries are scanned in memory, never extracted; a name that would leave the archive is still refused. */
export function unsafeEntryName(name: string): boolean {
  return /^[\\/]/.test(name) || /^[A-Za-z]:/.test(name) || name.split(/[\\/]/).includes("..");
}

const OPEN_OPTIONS = { lazyEntries: true, autoClose: true, decodeStrings: false, validateEntrySizes: true } as const;

function openZip(source: string | Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip?: yauzl.ZipFile): void => (err || !zip ? reject(err ?? new Error("cannot open archive")) : resolve(zip));
    if (typeof source === "string") yauzl.open(source, OPEN_OPTIONS, done);
    else yauzl.fromBuffer(source, OPEN_OPTIONS, done);
  });
}

/**
 * A nested archive, by name as at the top level (scan-path): Office files and jars are zips too, but their parts
 * are markup or bytecode, not documents people paste keys into.
 */
function isZipEntry(name: string): boolean {
  return /\.zip$/i.test(name);
}

/** Counted across every nesting level, so archives inside archives share one budget (a nested bomb cannot reset it). */
interface Budget {
  entries: number;
  total: number;
  limits: Readonly<ZipLimits>;
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

/**
 * Scans each entry of a zip archive as `archive.zip!inner/path`; an archive inside it as
 * `archive.zip!inner.zip!path`, up to MAX_ZIP_DEPTH levels. Limits other than ZIP_LIMITS let a test reach one with a
 * small archive.
 */
export async function scanZip(absPath: string, relPath: string, options: ContentScanOptions, limits: Readonly<ZipLimits> = ZIP_LIMITS): Promise<ZipScanResult> {
  const result: ZipScanResult = { findings: [], skipped: [] };
  await scanArchive(await openZip(absPath), relPath, "", options, result, { entries: 0, total: 0, limits }, 1);
  return result;
}

/** `prefix` is the chain of archives inside the outermost (`inner.zip!`), as entries and findings name them. */
async function scanArchive(zip: yauzl.ZipFile, relPath: string, prefix: string, options: ContentScanOptions, result: ZipScanResult, budget: Budget, depth: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    zip.on("error", reject);
    zip.on("end", () => resolve());
    zip.on("close", () => resolve());
    zip.on("entry", (entry: yauzl.Entry) => {
      void (async () => {
        // Names are decoded here rather than by yauzl, whose own check aborts the whole archive on one bad name.
        const raw = Buffer.from(entry.fileName as unknown as Uint8Array).toString("utf8");
        // Windows PowerShell's Compress-Archive writes `general\2024-01-05.json`: the separator is `/` in every report.
        const own = unsafeEntryName(raw) ? raw : raw.replace(/\\/g, "/");
        const name = `${prefix}${own}`;
        const skip = (reason: string): void => void result.skipped.push({ entry: name, reason });
        budget.entries++;
        const ratio = entry.compressedSize > 0 ? entry.uncompressedSize / entry.compressedSize : 0;
        if (own.endsWith("/")) { /* directory */ }
        else if (budget.entries > budget.limits.maxEntries) skip("entry limit");
        else if (unsafeEntryName(own)) skip("path escape");
        // No file system names a file so, and no database column can hold the name a finding would report.
        else if (own.includes("\u0000")) skip("NUL character in the name");
        else if (entry.uncompressedSize > budget.limits.maxEntryBytes) skip("size limit");
        else if (ratio > budget.limits.maxRatio && entry.uncompressedSize > 1024 * 1024) skip("compression ratio");
        else if (budget.total + entry.uncompressedSize > budget.limits.maxTotalBytes) skip("total size limit");
        else if (skipReason(own)) skip(skipReason(own) ?? "skipped");
        else {
          budget.total += entry.uncompressedSize;
          try {
            const bytes = await readEntry(zip, entry, budget.limits.maxEntryBytes);
            if (isZipEntry(own)) {
              if (depth >= MAX_ZIP_DEPTH) skip("archive nesting limit");
              else await scanArchive(await openZip(bytes), relPath, `${name}!`, options, result, budget, depth + 1);
            } else if (looksBinary(bytes)) skip("binary");
            else result.findings.push(...scanContent(`${relPath}!${name}`, bytes, options).map((f) => ({ ...f, context: { ...f.context, entry: name } })));
          } catch (e) {
            skip(e instanceof Error ? e.message : "unreadable");
          }
        }
        // Resolved here, not on "close": an archive read from a buffer (a nested one) never emits it, which hung the scan.
        if (budget.entries > budget.limits.maxEntries) {
          zip.close();
          resolve();
        } else zip.readEntry();
      })().catch(reject);
    });
    zip.readEntry();
  });
}
