/**
 * Streaming splitter for JSON uploads: yields the text of each element of a top-level array (or of the
 * `listKey` array inside a top-level object, as in `kubectl get -o json`'s `{"kind":"List","items":[…]}`),
 * each with the line it starts on, without ever holding more than one element. A top-level object without
 * that key is one element; several top-level values in a row (NDJSON, concatenated output) are each handled
 * the same way. With `pages`, a top-level array whose first element is an array is read as an array of pages
 * (`gh api --paginate --slurp`): the pages' elements are yielded. Generic: any JSON-array ingest can reuse it.
 */

export type JsonPiece = { line: number; text: string } | { line: number; error: string; fatal?: true };

export type JsonSplitOptions = { maxElementChars: number; listKey?: string; pages?: boolean };

type Mode = "idle" | "array" | "object" | "list" | "skip" | "pages";

const OPEN_OF: Record<string, string> = { "]": "[", "}": "{" };
const NOT_A_PAGE = "an array of pages holds only arrays (as gh api --paginate --slurp prints)";

export class JsonSplitter {
  private line = 1;
  private readonly stack: string[] = [];
  private inString = false;
  private escape = false;
  private mode: Mode = "idle";
  private capturing = false;
  private parts: string[] = [];
  private partsLength = 0;
  private capStart = 0;
  private capLine = 0;
  private tooBig = false;
  private expectElement = false;
  private keyBuffer = "";
  private lastString = "";
  private currentKey: string | undefined;
  private failed = false;
  /** Elements begun in the current top-level value: only a first element can make an array one of pages. */
  private begun = 0;
  private out: JsonPiece[] = [];

  constructor(private readonly opts: JsonSplitOptions) {}

  /** Elements completed by this chunk. After a fatal error nothing more is produced. */
  push(chunk: string): JsonPiece[] {
    this.out = [];
    for (let i = 0; i < chunk.length && !this.failed; i++) this.step(chunk, i);
    if (this.capturing && !this.failed) {
      this.partsLength += chunk.length - this.capStart;
      if (this.partsLength > this.opts.maxElementChars) this.tooBig = true;
      if (this.tooBig) this.parts = [];
      else this.parts.push(chunk.slice(this.capStart));
      this.capStart = 0;
    }
    return this.out;
  }

  end(): JsonPiece[] {
    this.out = [];
    if (!this.failed && this.stack.length > 0) {
      this.fatal(`unexpected end of file: ${this.stack.length} bracket(s) never closed`);
    }
    return this.out;
  }

  private get emitDepth(): number {
    return this.mode === "array" ? 1 : this.mode === "list" || this.mode === "pages" ? 2 : -1;
  }

  private fatal(reason: string): void {
    this.failed = true;
    this.out.push({ line: this.line, error: reason, fatal: true });
  }

  private startCapture(i: number): void {
    this.capturing = true;
    this.capStart = i;
    this.capLine = this.line;
    this.parts = [];
    this.partsLength = 0;
    this.tooBig = false;
    this.expectElement = false;
    this.begun++;
  }

  private endCapture(chunk: string, endExclusive: number): void {
    this.capturing = false;
    if (this.tooBig || this.partsLength + (endExclusive - this.capStart) > this.opts.maxElementChars) {
      this.out.push({ line: this.capLine, error: `element larger than ${this.opts.maxElementChars} characters` });
    } else {
      this.out.push({ line: this.capLine, text: (this.parts.join("") + chunk.slice(this.capStart, endExclusive)).trim() });
    }
    this.parts = [];
  }

  private step(chunk: string, i: number): void {
    const c = chunk[i] as string;
    if (c === "\n") this.line++;
    if (this.inString) return this.stringChar(c);
    const depth = this.stack.length;
    if (c === " " || c === "\n" || c === "\r" || c === "\t") return;
    if (c === "{" || c === "[") return this.open(i, c, depth);
    if (c === "}" || c === "]") return this.close(chunk, i, c);
    if (depth === 0) return this.fatal("expected a JSON array or object at the top level");
    if (this.mode === "pages" && depth === 1 && c !== ",") return this.fatal(NOT_A_PAGE);
    if (c === ",") return this.comma(chunk, i, depth);
    if (c === ":" && this.mode === "object" && depth === 1) this.currentKey = this.lastString;
    if (depth === this.emitDepth && !this.capturing) this.startCapture(i);
    if (c === '"') {
      this.inString = true;
      this.keyBuffer = "";
    }
  }

  private stringChar(c: string): void {
    if (this.escape) this.escape = false;
    else if (c === "\\") this.escape = true;
    else if (c === '"') {
      this.inString = false;
      this.lastString = this.keyBuffer;
      return;
    }
    // Only keys of the top-level object matter; the cap keeps a long string value from growing this buffer.
    if (this.mode === "object" && this.stack.length === 1 && this.keyBuffer.length < 256) this.keyBuffer += c;
  }

  private open(i: number, c: string, depth: number): void {
    if (depth === 0) {
      this.mode = c === "[" ? "array" : "object";
      this.expectElement = false;
      this.begun = 0;
      if (c === "{") this.startCapture(i);
      this.currentKey = undefined;
    } else if (this.mode === "pages" && depth === 1 && c !== "[") {
      return this.fatal(NOT_A_PAGE);
    } else if (this.opts.pages && this.mode === "array" && depth === 1 && c === "[" && this.begun === 0) {
      this.mode = "pages";
    } else if (this.isListStart(c, depth)) {
      this.mode = "list";
      this.capturing = false;
      this.parts = [];
    } else if (depth === this.emitDepth && !this.capturing) {
      this.startCapture(i);
    }
    this.stack.push(c);
  }

  private isListStart(c: string, depth: number): boolean {
    const { listKey } = this.opts;
    return listKey !== undefined && this.mode === "object" && depth === 1 && c === "[" && this.currentKey === listKey;
  }

  private close(chunk: string, i: number, c: string): void {
    if (this.stack.pop() !== OPEN_OF[c]) return this.fatal(`'${c}' does not close the open bracket`);
    const depth = this.stack.length;
    const closesEmitter =
      (this.mode === "array" && depth === 0) || ((this.mode === "list" || this.mode === "pages") && depth === 1);
    if (closesEmitter) {
      if (this.capturing) this.endCapture(chunk, i);
      else if (this.expectElement) this.out.push({ line: this.line, error: "trailing comma before ']'" });
      this.expectElement = false;
      if (this.mode !== "pages") this.mode = this.mode === "list" ? "skip" : "idle";
    } else if (this.mode === "object" && depth === 0) {
      this.endCapture(chunk, i + 1);
      this.mode = "idle";
    } else if ((this.mode === "skip" || this.mode === "pages") && depth === 0) {
      this.mode = "idle";
    }
  }

  private comma(chunk: string, i: number, depth: number): void {
    if (this.mode === "object" && depth === 1) this.currentKey = undefined;
    if (depth !== this.emitDepth) return;
    if (this.capturing) this.endCapture(chunk, i);
    else this.out.push({ line: this.line, error: "empty element (two commas in a row)" });
    this.expectElement = true;
  }
}

/** Async-generator form of JsonSplitter over decoded text chunks. */
export async function* splitJson(chunks: AsyncIterable<string>, opts: JsonSplitOptions): AsyncGenerator<JsonPiece> {
  const splitter = new JsonSplitter(opts);
  for await (const chunk of chunks) {
    const pieces = splitter.push(chunk);
    yield* pieces;
    if (pieces.some((p) => "fatal" in p)) return;
  }
  yield* splitter.end();
}
