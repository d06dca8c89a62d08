import { createHash, randomUUID, type Hash } from "node:crypto";
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { countRecords } from "./manifest";

/**
 * A package's files written to a private temp folder as they are produced, each hashed, measured and counted on the
 * way, so no part of a package (a population of millions of rows, an OSCAL document of gigabytes) is held whole in
 * memory. Text is gathered into 1 MB pieces and appended synchronously: the producers are synchronous loops, and a
 * local append of that size costs less than the promise bookkeeping of an asynchronous one.
 */

const PIECE_CHARS = 1 << 20;
const COPY_BYTES = 4 << 20;

/** A finished package file: where it is spooled and what the manifest says of it. */
export type SpooledFile = { path: string; file: string; sha256: string; bytes: number; records: number | null };

/** Which files have records (the manifest's rule): CSV rows after the header, JSONL lines. */
const hasRecords = (packagePath: string) => packagePath.endsWith(".csv") || packagePath.endsWith(".jsonl");

class Appender {
  private pending = "";
  private fd: number | null;
  protected size = 0;

  constructor(readonly file: string) {
    this.fd = openSync(file, "wx", 0o600);
  }

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= PIECE_CHARS) this.flush();
  }

  writeBytes(bytes: Uint8Array): void {
    this.flush();
    this.append(bytes);
  }

  protected append(bytes: Uint8Array): void {
    if (this.fd === null) throw new Error(`spool: ${this.file} is already closed`);
    for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at);
    this.size += bytes.length;
  }

  protected flush(): void {
    if (!this.pending) return;
    const bytes = Buffer.from(this.pending);
    this.pending = "";
    this.append(bytes);
  }

  protected finish(): void {
    this.flush();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** One file of the package: SHA-256, size and records follow every byte written. */
export class SpoolFile extends Appender {
  private readonly hash: Hash = createHash("sha256");
  private records = 0;

  constructor(
    readonly path: string,
    file: string,
  ) {
    super(file);
  }

  /** One record (a CSV row, a JSONL line), already formatted with its line end. */
  record(text: string): void {
    this.records++;
    this.write(text);
  }

  protected override append(bytes: Uint8Array): void {
    this.hash.update(bytes);
    super.append(bytes);
  }

  close(): SpooledFile {
    this.finish();
    return { path: this.path, file: this.file, sha256: this.hash.digest("hex"), bytes: this.size, records: hasRecords(this.path) ? this.records : null };
  }
}

/** The items of a large JSON array (already stringified), written apart and spliced into their document later. */
export class SpoolPart extends Appender {
  private count = 0;
  readonly placeholder = `leash-part-${randomUUID()}`;

  item(json: string): void {
    this.write(this.count++ ? `,${json}` : json);
  }

  get items(): number {
    return this.count;
  }

  close(): void {
    this.finish();
  }
}

export class Spool {
  private files = 0;

  private constructor(readonly dir: string) {}

  static async create(): Promise<Spool> {
    return new Spool(await mkdtemp(path.join(tmpdir(), "leash-evidence-")));
  }

  private next(): string {
    return path.join(this.dir, String(++this.files));
  }

  /** A path in the spool for a file written by other means (the zip). */
  scratch(name: string): string {
    return path.join(this.dir, name);
  }

  file(packagePath: string): SpoolFile {
    return new SpoolFile(packagePath, this.next());
  }

  part(): SpoolPart {
    return new SpoolPart(this.next());
  }

  /** A small file written whole; its records are counted from its bytes. */
  bytes(packagePath: string, content: string | Uint8Array): SpooledFile {
    const bytes = typeof content === "string" ? Buffer.from(content) : content;
    const file = this.file(packagePath);
    file.writeBytes(bytes);
    return { ...file.close(), records: countRecords(packagePath, bytes) };
  }

  /**
   * A JSON document whose large arrays were written as parts: `skeleton` holds each part's placeholder where its
   * array goes (an empty part must be left out of the skeleton, OSCAL arrays having at least one item).
   */
  document(packagePath: string, skeleton: unknown, parts: readonly SpoolPart[]): SpooledFile {
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
      copyInto(out, part.file);
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

function copyInto(out: Appender, file: string): void {
  const fd = openSync(file, "r");
  const buffer = Buffer.allocUnsafe(COPY_BYTES);
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) out.writeBytes(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}
