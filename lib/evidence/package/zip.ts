import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yazl from "yazl";

/** An entry from memory, or from a file on disk (read when the zip reaches it). */
export type PackageEntry = { path: string; bytes: Buffer } | { path: string; file: string };

/**
 * Deflate level of package entries. Packages are mostly CSV and JSON that repeat themselves, which the fastest level
 * still shrinks about tenfold; the default level would take several times as long for a few percent less.
 */
const LEVEL = 1;

/**
 * The zip of the entries, in the given order and with one fixed timestamp, so the same contents always give the same
 * bytes (and the same package hash). PDFs are stored: they are compressed inside already.
 */
export function zipStream(entries: readonly PackageEntry[], mtime: Date): Readable {
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    const options = { mtime, mode: 0o100644, compressionLevel: entry.path.endsWith(".pdf") ? 0 : LEVEL };
    if ("bytes" in entry) zip.addBuffer(entry.bytes, entry.path, options);
    else zip.addFile(entry.file, entry.path, options);
  }
  zip.end();
  return zip.outputStream as Readable;
}

/** The whole zip in memory: for small archives (a backup, a test's package). */
export async function zipPackage(entries: readonly PackageEntry[], mtime: Date): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of zipStream(entries, mtime)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The zip written to `file`, hashed on the way. */
export async function zipToFile(entries: readonly PackageEntry[], mtime: Date, file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(zipStream(entries, mtime), measure, createWriteStream(file, { flags: "wx", mode: 0o600 }));
  return { sha256: hash.digest("hex"), bytes };
}
