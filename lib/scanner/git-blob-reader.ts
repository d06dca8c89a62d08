import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";

/**
 * Reads blobs through one `git cat-file --batch` process, one blob at a time, its bytes handed on as git sends
 * them: a blob of any size passes through without being held whole (unless the caller asks for it whole).
 */
export class GitBlobReader {
  private readonly child: ChildProcessByStdio<Writable, Readable, null>;
  private readonly out: AsyncIterator<Buffer>;
  /** Bytes read from git and not yet handed on. */
  private buf: Buffer = Buffer.alloc(0);

  constructor(cwd: string) {
    this.child = spawn("git", ["-C", cwd, "cat-file", "--batch"], { stdio: ["pipe", "pipe", "ignore"] });
    this.out = this.child.stdout[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  private async more(): Promise<void> {
    const next = await this.out.next();
    if (next.done) throw new Error("git cat-file ended early");
    this.buf = this.buf.length ? Buffer.concat([this.buf, next.value]) : next.value;
  }

  /** Asks for a blob: its size, or undefined when the repository lacks it. Read its content before the next. */
  async open(sha: string): Promise<number | undefined> {
    this.child.stdin.write(`${sha}\n`);
    let nl = this.buf.indexOf(10);
    while (nl === -1) {
      await this.more();
      nl = this.buf.indexOf(10);
    }
    const header = this.buf.subarray(0, nl).toString();
    this.buf = this.buf.subarray(nl + 1);
    return header.endsWith(" missing") ? undefined : Number(header.split(" ")[2] ?? "0");
  }

  /** The opened blob's bytes, piece by piece. Stopping early still skips the rest, so the next blob lines up. */
  async *content(size: number): AsyncGenerator<Buffer> {
    let left = size;
    try {
      while (left > 0) {
        if (!this.buf.length) await this.more();
        const piece = this.buf.subarray(0, Math.min(left, this.buf.length));
        this.buf = this.buf.subarray(piece.length);
        left -= piece.length;
        yield piece;
      }
    } finally {
      while (left > 0) {
        if (!this.buf.length) await this.more();
        const n = Math.min(left, this.buf.length);
        this.buf = this.buf.subarray(n);
        left -= n;
      }
      // git ends each blob's content with a newline of its own.
      if (!this.buf.length) await this.more();
      this.buf = this.buf.subarray(1);
    }
  }

  async whole(size: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const piece of this.content(size)) parts.push(piece);
    return Buffer.concat(parts, size);
  }

  /** Also closes git's output, so a git stopped part-way through a blob (after an error) cannot hang writing it. */
  close(): void {
    this.child.stdin.end();
    this.child.stdout.destroy();
  }
}
