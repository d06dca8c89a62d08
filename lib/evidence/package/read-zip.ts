import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { unsafeEntryName } from "@/lib/scanner/zip";

/** A zip as a file path (read from disk as needed) or as bytes already in memory. */
export type ZipSource = string | Buffer;
export type ZipLimits = { maxEntries: number; maxTotalBytes: number };

/** Held whole in memory, an evidence package is small next to these; anything larger is not one of ours (or is a zip bomb). */
const IN_MEMORY_LIMITS: ZipLimits = { maxEntries: 10_000, maxTotalBytes: 2 * 1024 * 1024 * 1024 };

export class PackageReadError extends Error {}

function openZip(source: ZipSource): Promise<yauzl.ZipFile> {
  // validateEntrySizes: an entry that inflates to more or less than its header declares fails its stream, so the
  // declared sizes, checked against the limits before reading, bound what reading can cost.
  const options = { lazyEntries: true, validateEntrySizes: true };
  return new Promise((resolve, reject) => {
    const opened = (err: Error | null, zip?: yauzl.ZipFile) => {
      if (zip && !err) return resolve(zip);
      // A file that cannot be read at all (ENOENT, EACCES) is not a verdict on the zip format; the message names it.
      const systemError = typeof (err as NodeJS.ErrnoException | null)?.code === "string";
      reject(new PackageReadError(systemError ? err!.message : `not a zip archive: ${err?.message ?? "unreadable"}`));
    };
    if (typeof source === "string") yauzl.open(source, options, opened);
    else yauzl.fromBuffer(source, options, opened);
  });
}

/**
 * Each file entry of a zip once, in archive order, as a stream that `onEntry` must read to the end before the next
 * is opened. Refuses path escapes, duplicates, too many entries and archives declaring more than the limit, with a
 * PackageReadError naming the problem.
 */
export async function forEachZipEntry(source: ZipSource, limits: ZipLimits, onEntry: (name: string, stream: Readable) => Promise<void>): Promise<void> {
  const zip = await openZip(source);
  const seen = new Set<string>();
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName;
      if (name.endsWith("/")) continue;
      if (unsafeEntryName(name)) throw new PackageReadError(`unsafe entry name: ${name}`);
      if (seen.has(name)) throw new PackageReadError(`duplicate entry: ${name}`);
      if (seen.size >= limits.maxEntries) throw new PackageReadError("too many entries");
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) throw new PackageReadError("archive inflates past the size limit");
      seen.add(name);
      const stream = await zip.openReadStreamPromise(entry).catch(() => {
        throw new PackageReadError(`cannot read ${name}`);
      });
      try {
        await onEntry(name, stream);
      } catch (error) {
        // Left half read, the stream would hold the file open.
        stream.destroy();
        throw error;
      }
    }
  } catch (error) {
    // yauzl's own refusals (an invalid relative path, a bad header, an entry not the size it declares) and a
    // reader's errors arrive as plain errors.
    throw error instanceof PackageReadError ? error : new PackageReadError(error instanceof Error ? error.message : "unreadable package");
  } finally {
    zip.close();
  }
}

/** Every entry of a zip held in memory, refusing path escapes, duplicates and archives that inflate past the limit. */
export async function readZipEntries(zipBytes: Buffer): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  await forEachZipEntry(zipBytes, IN_MEMORY_LIMITS, async (name, stream) => {
    const parts: Buffer[] = [];
    for await (const part of stream) parts.push(part as Buffer);
    entries.set(name, Buffer.concat(parts));
  });
  return entries;
}
