import { createHash, randomUUID, type Hash } from "node:crypto";
import { once } from "node:events";
import { closeSync, createWriteStream, openSync, readSync, unlinkSync, writeSync } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Writable } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import { crc32, createDeflateRaw, type ZlibOptions } from "node:zlib";
import { countRecords, hasRecords } from "./manifest";
import { storedInZip, ZIP_LEVEL, type ZipEntry } from "./zip";

/**
 * A package's files written to a private temp folder as they are produced, so no part of a package (a population of
 * millions of rows, an OSCAL document of gigabytes) is held whole in memory. Each file is hashed, measured, counted
 * and deflated on the way: compression runs on zlib's worker threads while this thread goes on producing, and what
 * lands on disk is the zip entry's data, ready for the container. Text is encoded into 1 MB pieces; `settle()` lets
 * compression catch up, so what waits for it stays bounded.
 */

const PIECE_BYTES = 1 << 20;
const COPY_BYTES = 4 << 20;
/** How much uncompressed text a file may queue for its deflater before `settle()` waits for it. */
const QUEUE_BYTES = 4 << 20;

/** A finished package file: what the manifest says of it, and its zip entry. */
export type SpooledFile = { path: string; sha256: string; bytes: number; records: number | null; entry: ZipEntry };

/**
 * Text encoded straight into 1 MB pieces, each handed to `sink` as bytes: writing each record into the piece costs
 * a fraction of concatenating records into a long string and encoding that.
 */
abstract class Appender {
  /** Allocated at the first text, so a file written whole (`writeBytes`) takes none. */
  private piece: Buffer | null = null;
  private used = 0;

  write(text: string): void {
    // A UTF-16 unit takes at most 3 bytes in UTF-8: a text that might not fit starts a new piece, and one larger
    // than a piece goes alone.
    if (text.length * 3 > PIECE_BYTES - this.used) {
      this.flush();
      if (text.length * 3 > PIECE_BYTES) return this.sink(Buffer.from(text));
    }
    this.piece ??= Buffer.allocUnsafe(PIECE_BYTES);
    this.used += this.piece.write(text, this.used);
  }

  /** Bytes the caller will not touch again. */
  writeBytes(bytes: Buffer): void {
    this.flush();
    this.sink(bytes);
  }

  protected abstract sink(bytes: Buffer): void;

  protected flush(): void {
    if (this.piece === null || this.used === 0) return;
    // The sink may hold on to the bytes (a deflater's queue): the next text goes into a new piece.
    const bytes = this.piece.subarray(0, this.used);
    this.piece = null;
    this.used = 0;
    this.sink(bytes);
  }
}

/** One file of the package. */
export class SpoolFile extends Appender {
  private readonly hash: Hash = createHash("sha256");
  /** The deflater, or the file itself for a stored entry. */
  private readonly out: Writable;
  /** Settles when the file is written, or with the first failure (a full disk): never an unhandled stream error. */
  private readonly written: Promise<void>;
  private failure: unknown = null;
  private readonly stored: boolean;
  private crc = 0;
  private size = 0;
  private records = 0;

  constructor(
    readonly path: string,
    private readonly file: string,
    private readonly onClose: () => void = () => {},
  ) {
    super();
    this.stored = storedInZip(path);
    const disk = createWriteStream(file, { flags: "wx", mode: 0o600, highWaterMark: QUEUE_BYTES });
    if (this.stored) {
      this.out = disk;
      this.written = finished(disk);
    } else {
      // Stream options pass through zlib's; its typings list only zlib's own.
      const deflater = createDeflateRaw({ level: ZIP_LEVEL, writableHighWaterMark: QUEUE_BYTES } as ZlibOptions);
      this.out = deflater;
      this.written = pipeline(deflater, disk);
    }
    this.written.catch((error: unknown) => (this.failure ??= error));
  }

  /**
   * One record (a CSV row, a JSONL line), already formatted with its line end. Counting the calls gives what
   * recordCounter would count from the bytes, without reading them again.
   */
  record(text: string): void {
    this.records++;
    this.write(text);
  }

  protected sink(bytes: Buffer): void {
    if (this.failure) throw this.failure;
    this.hash.update(bytes);
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    this.out.write(bytes);
  }

  /** Waits until the deflater has caught up to its queue limit; throws what made writing fail. */
  async drain(): Promise<void> {
    if (this.out.writableNeedDrain) await Promise.race([once(this.out, "drain"), this.written]);
    if (this.failure) throw this.failure;
  }

  async close(): Promise<SpooledFile> {
    this.onClose();
    this.flush();
    this.out.end();
    await this.written;
    const { size: compressedSize } = await stat(this.file);
    return {
      path: this.path,
      sha256: this.hash.digest("hex"),
      bytes: this.size,
      records: hasRecords(this.path) ? this.records : null,
      entry: { path: this.path, method: this.stored ? 0 : 8, crc32: this.crc, size: this.size, compressedSize, data: { file: this.file } },
    };
  }
}

/** The items of a large JSON array (already stringified), written apart and spliced into their document later. */
export class SpoolPart extends Appender {
  private count = 0;
  private fd: number | null;
  readonly placeholder = `leash-part-${randomUUID()}`;

  constructor(readonly file: string) {
    super();
    this.fd = openSync(file, "wx", 0o600);
  }

  item(json: string): void {
    this.write(this.count++ ? `,${json}` : json);
  }

  get items(): number {
    return this.count;
  }

  protected sink(bytes: Buffer): void {
    if (this.fd === null) throw new Error(`spool: ${this.file} is already closed`);
    for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at);
  }

  close(): void {
    this.flush();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

export class Spool {
  private count = 0;
  private readonly open = new Set<SpoolFile>();

  private constructor(readonly dir: string) {}

  static async create(): Promise<Spool> {
    return new Spool(await mkdtemp(path.join(tmpdir(), "leash-evidence-")));
  }

  private next(): string {
    return path.join(this.dir, String(++this.count));
  }

  /** A path in the spool for a file written by other means (the zip). */
  scratch(name: string): string {
    return path.join(this.dir, name);
  }

  file(packagePath: string): SpoolFile {
    const file: SpoolFile = new SpoolFile(packagePath, this.next(), () => this.open.delete(file));
    this.open.add(file);
    return file;
  }

  part(): SpoolPart {
    return new SpoolPart(this.next());
  }

  /** Lets every open file's compression catch up; producers call it between batches. */
  async settle(): Promise<void> {
    await Promise.all([...this.open].map((f) => f.drain()));
  }

  /** A small file written whole; its records are counted from its bytes. */
  async bytes(packagePath: string, content: string | Buffer): Promise<SpooledFile> {
    const bytes = typeof content === "string" ? Buffer.from(content) : content;
    const file = this.file(packagePath);
    file.writeBytes(bytes);
    return { ...(await file.close()), records: countRecords(packagePath, bytes) };
  }

  /**
   * A JSON document whose large arrays were written as parts: `skeleton` holds each part's placeholder where its
   * array goes (an empty part must be left out of the skeleton, OSCAL arrays having at least one item).
   */
  async document(packagePath: string, skeleton: unknown, parts: readonly SpoolPart[]): Promise<SpooledFile> {
    const out = this.file(packagePath);
    const byPlaceholder = new Map(parts.map((p) => [JSON.stringify(p.placeholder), p]));
    const text = `${JSON.stringify(skeleton)}\n`;
    // Placeholders are "leash-part-<uuid>": nothing in them needs escaping in a pattern.
    const pattern = new RegExp([...byPlaceholder.keys()].join("|") || "(?!)", "g");
    let from = 0;
    for (const match of text.matchAll(pattern)) {
      const part = byPlaceholder.get(match[0])!;
      part.close();
      out.write(`${text.slice(from, match.index)}[`);
      await copyInto(out, part.file);
      // Spliced: the part's text is in the document now, and a large one is gigabytes of disk.
      unlinkSync(part.file);
      out.write("]");
      from = match.index + match[0].length;
    }
    out.write(text.slice(from));
    return out.close();
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

async function copyInto(out: SpoolFile, file: string): Promise<void> {
  const fd = openSync(file, "r");
  try {
    for (;;) {
      // A new buffer each time: the deflater may still hold the previous one.
      const buffer = Buffer.allocUnsafe(COPY_BYTES);
      const n = readSync(fd, buffer);
      if (n === 0) return;
      out.writeBytes(buffer.subarray(0, n));
      await out.drain();
    }
  } finally {
    closeSync(fd);
  }
}
