import { createHash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { PassThrough, type Writable } from "node:stream";
import { crc32, deflateRawSync } from "node:zlib";
import { Reader, Uint8ArrayReader, ZipWriter, type ZipWriterConstructorOptions } from "@zip.js/zip.js";

/**
 * The package's zip, written by zip.js around entries whose data is already compressed: the spool deflates each
 * package file while it is written, on zlib's worker threads, and records its CRC-32 and sizes, so zip.js copies the
 * data through (`passThrough`) and writes the headers, with ZIP64 records where a size, an offset or the entry count
 * outgrows the classic fields. Compressing again here would be most of a package build of gigabytes.
 */

/** Deflate level of package entries: the fastest still shrinks CSV and JSON about tenfold. */
export const ZIP_LEVEL = 1;

/** An entry's data as it goes into the zip (deflated, method 8, or stored, method 0) and what its headers state. */
export type ZipEntry = {
  path: string;
  method: 0 | 8;
  crc32: number;
  size: number;
  compressedSize: number;
  data: Buffer | { file: string };
};

/** Whether an entry is stored rather than deflated: PDFs, being compressed inside. */
export function storedInZip(path: string): boolean {
  return path.endsWith(".pdf");
}

/** Small entries (the manifest, a signature) compressed in memory. */
export function zipEntry(path: string, bytes: Buffer): ZipEntry {
  const stored = storedInZip(path);
  const data = stored ? bytes : deflateRawSync(bytes, { level: ZIP_LEVEL });
  return { path, method: stored ? 0 : 8, crc32: crc32(bytes), size: bytes.length, compressedSize: data.length, data };
}

/**
 * MS-DOS date and time as zip.js's raw value (time in the low half), from the UTC fields: the same instant gives the
 * same bytes in any time zone (zip.js would read the local fields of a Date).
 */
function rawDosDateTime(at: Date): number {
  const year = Math.min(Math.max(at.getUTCFullYear(), 1980), 2107);
  const date = ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate();
  const time = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1);
  return ((date << 16) | time) >>> 0;
}

/** A spooled entry's data, read from its open file in the pieces zip.js asks for. */
class SpooledDataReader extends Reader<FileHandle> {
  constructor(
    private readonly handle: FileHandle,
    private readonly file: string,
    size: number,
  ) {
    super(handle);
    this.size = size;
  }

  async readUint8Array(index: number, length: number): Promise<Uint8Array> {
    const bytes = Buffer.allocUnsafe(Math.min(length, this.size - index));
    for (let at = 0; at < bytes.length; ) {
      const { bytesRead } = await this.handle.read(bytes, at, bytes.length - at, index + at);
      if (bytesRead === 0) throw new Error(`zip: ${this.file} ends before its stated ${this.size} bytes`);
      at += bytesRead;
    }
    return bytes;
  }
}

/** `out` as the web stream zip.js writes to, hashing and counting what passes, and waiting when `out` is full. */
function hashingSink(out: Writable, tally: { hash: ReturnType<typeof createHash>; bytes: number }): WritableStream<Uint8Array> {
  return new WritableStream({
    async write(chunk) {
      tally.hash.update(chunk);
      tally.bytes += chunk.length;
      if (!out.write(chunk)) await once(out, "drain");
    },
    async close() {
      out.end();
      await once(out, "finish");
    },
    abort(reason) {
      out.destroy(reason instanceof Error ? reason : new Error(String(reason)));
    },
  });
}

/**
 * Writes the zip of `entries`, in order, with one timestamp for all, to `out`: the same entries always give the same
 * bytes. `forceZip64` writes the ZIP64 records even when nothing needs them (to test them without gigabytes).
 */
export async function writeZip(entries: readonly ZipEntry[], mtime: Date, out: Writable, options: { forceZip64?: boolean } = {}): Promise<{ sha256: string; bytes: number }> {
  const tally = { hash: createHash("sha256"), bytes: 0 };
  const zip64 = Boolean(options.forceZip64);
  const writerOptions: ZipWriterConstructorOptions = {
    rawLastModDate: rawDosDateTime(mtime),
    extendedTimestamp: false,
    unixMode: 0o100644,
    // Made by Unix (so the mode is read), to APPNOTE 4.5: the version that brought ZIP64.
    versionMadeBy: (3 << 8) | 45,
    dataDescriptor: false,
    useWebWorkers: false,
    useCompressionStream: false,
    zip64,
  };
  const writer = new ZipWriter(hashingSink(out, tally), writerOptions);
  for (const entry of entries) {
    const options = { passThrough: true, compressionMethod: entry.method, level: entry.method === 8 ? ZIP_LEVEL : 0, uncompressedSize: entry.size, crc32: entry.crc32 };
    if (Buffer.isBuffer(entry.data)) {
      await writer.add(entry.path, new Uint8ArrayReader(entry.data), options);
      continue;
    }
    const handle = await open(entry.data.file, "r");
    try {
      await writer.add(entry.path, new SpooledDataReader(handle, entry.data.file, entry.compressedSize), options);
    } finally {
      await handle.close();
    }
  }
  await writer.close(undefined, { zip64 });
  return { sha256: tally.hash.digest("hex"), bytes: tally.bytes };
}

/** The zip written to a new file (readable by its owner only). */
export function writeZipFile(entries: readonly ZipEntry[], mtime: Date, file: string): Promise<{ sha256: string; bytes: number }> {
  return writeZip(entries, mtime, createWriteStream(file, { flags: "wx", mode: 0o600 }));
}

/** The whole zip of small in-memory entries (a backup, a test's package). */
export async function zipPackage(entries: readonly { path: string; bytes: Buffer }[], mtime: Date, options: { forceZip64?: boolean } = {}): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  await writeZip(
    entries.map((e) => zipEntry(e.path, e.bytes)),
    mtime,
    out,
    options,
  );
  return Buffer.concat(chunks);
}
