import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { PassThrough, type Writable } from "node:stream";
import { crc32, deflateRawSync } from "node:zlib";

/**
 * The zip container (PKWARE APPNOTE 6.3) around entries whose data is already compressed: the spool deflates each
 * package file while it is written, on zlib's worker threads, so by the time the package is signed only headers are
 * left to write. Zip libraries compress as they write and check with a CRC-32 in JavaScript, which on a package of
 * gigabytes is most of the build; this writes what it is given. ZIP64 records are added where a size, an offset or
 * the entry count outgrows the classic fields.
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

const MAX32 = 0xffffffff;
const MAX16 = 0xffff;

/** MS-DOS date and time, from the UTC fields: the same instant gives the same bytes in any time zone. */
function dosDateTime(at: Date): When {
  const year = Math.min(Math.max(at.getUTCFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
  };
}

type Written = { entry: ZipEntry; name: Buffer; offset: number; zip64: boolean };
type When = { date: number; time: number };

/** The ZIP64 extended-information extra field, holding these 64-bit values in APPNOTE's order. */
function zip64Extra(values: readonly number[]): Buffer {
  const extra = Buffer.alloc(4 + 8 * values.length);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(8 * values.length, 2);
  values.forEach((v, i) => extra.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
  return extra;
}

/** The 26 bytes both headers share, from "version needed" to "extra field length". */
function sharedFields(e: ZipEntry, zip64: boolean, when: When, nameLength: number, extraLength: number): Buffer {
  const f = Buffer.alloc(26);
  f.writeUInt16LE(zip64 ? 45 : 20, 0);
  f.writeUInt16LE(0x0800, 2); // names are UTF-8
  f.writeUInt16LE(e.method, 4);
  f.writeUInt16LE(when.time, 6);
  f.writeUInt16LE(when.date, 8);
  f.writeUInt32LE(e.crc32 >>> 0, 10);
  f.writeUInt32LE(zip64 ? MAX32 : e.compressedSize, 14);
  f.writeUInt32LE(zip64 ? MAX32 : e.size, 18);
  f.writeUInt16LE(nameLength, 22);
  f.writeUInt16LE(extraLength, 24);
  return f;
}

function localHeader(e: ZipEntry, name: Buffer, zip64: boolean, when: When): Buffer {
  const extra = zip64 ? zip64Extra([e.size, e.compressedSize]) : Buffer.alloc(0);
  const signature = Buffer.alloc(4);
  signature.writeUInt32LE(0x04034b50, 0);
  return Buffer.concat([signature, sharedFields(e, zip64, when, name.length, extra.length), name, extra]);
}

function centralHeader(w: Written, when: When, forceZip64: boolean): Buffer {
  const { entry: e, name } = w;
  const zip64 = w.zip64 || w.offset >= MAX32 || forceZip64;
  // All three values, as all three classic fields say "see ZIP64".
  const extra = zip64 ? zip64Extra([e.size, e.compressedSize, w.offset]) : Buffer.alloc(0);
  const head = Buffer.alloc(6);
  head.writeUInt32LE(0x02014b50, 0);
  head.writeUInt16LE((3 << 8) | (zip64 ? 45 : 20), 4); // made by: Unix, so the mode below is read
  const tail = Buffer.alloc(14);
  tail.writeUInt32LE((0o100644 << 16) >>> 0, 6); // a regular file, rw-r--r-- (comment length, disk and internal attributes 0)
  tail.writeUInt32LE(zip64 ? MAX32 : w.offset, 10);
  return Buffer.concat([head, sharedFields(e, zip64, when, name.length, extra.length), tail, name, extra]);
}

function endRecords(entries: number, cdOffset: number, cdSize: number, forceZip64: boolean): Buffer {
  const zip64 = forceZip64 || entries >= MAX16 || cdOffset >= MAX32 || cdSize >= MAX32;
  const parts: Buffer[] = [];
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE((3 << 8) | 45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(entries), 24);
    record.writeBigUInt64LE(BigInt(entries), 32);
    record.writeBigUInt64LE(BigInt(cdSize), 40);
    record.writeBigUInt64LE(BigInt(cdOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
    locator.writeUInt32LE(1, 16);
    parts.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? MAX16 : entries, 8);
  end.writeUInt16LE(zip64 ? MAX16 : entries, 10);
  end.writeUInt32LE(zip64 ? MAX32 : cdSize, 12);
  end.writeUInt32LE(zip64 ? MAX32 : cdOffset, 16);
  parts.push(end);
  return Buffer.concat(parts);
}

/**
 * Writes the zip of `entries`, in order, with one timestamp for all, to `out`: the same entries always give the same
 * bytes. `forceZip64` writes the ZIP64 records even when nothing needs them (to test them without gigabytes).
 */
export async function writeZip(entries: readonly ZipEntry[], mtime: Date, out: Writable, options: { forceZip64?: boolean } = {}): Promise<{ sha256: string; bytes: number }> {
  const when = dosDateTime(mtime);
  const hash = createHash("sha256");
  let offset = 0;
  const put = async (bytes: Buffer) => {
    hash.update(bytes);
    offset += bytes.length;
    if (!out.write(bytes)) await once(out, "drain");
  };
  const written: Written[] = [];
  for (const entry of entries) {
    const name = Buffer.from(entry.path, "utf8");
    const zip64 = Boolean(options.forceZip64) || entry.size >= MAX32 || entry.compressedSize >= MAX32;
    written.push({ entry, name, offset, zip64 });
    await put(localHeader(entry, name, zip64, when));
    if (Buffer.isBuffer(entry.data)) await put(entry.data);
    else for await (const chunk of createReadStream(entry.data.file, { highWaterMark: 4 << 20 })) await put(chunk as Buffer);
  }
  const cdOffset = offset;
  for (const w of written) await put(centralHeader(w, when, Boolean(options.forceZip64)));
  await put(endRecords(written.length, cdOffset, offset - cdOffset, Boolean(options.forceZip64)));
  out.end();
  await once(out, "finish");
  return { sha256: hash.digest("hex"), bytes: offset };
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
