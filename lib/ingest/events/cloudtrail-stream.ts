import type { RowError } from "../row-error";
import { InputError } from "./byte-input";

/**
 * One element of a JSON array of CloudTrail records, as text, or why it could not be taken. `container` names the
 * array in field names: absent for a CloudTrail log file's `Records`, `Events` for `aws cloudtrail lookup-events`
 * output, `""` for a bare top-level array (`jq .Records`).
 */
export type RecordSlice = ({ line: number; index: number; text: string } | { line: number; index: number; error: RowError }) & {
  container?: Container;
};
export type Container = "Records" | "Events" | "";

/**
 * A log file (`{"Records":[`), lookup-events output (`{"Events":[`, possibly after its `NextToken`) or a bare array
 * of records (`[`).
 */
const HEADER = /^\uFEFF?\s*(?:\{\s*(?:"NextToken"\s*:\s*"[^"\\]*"\s*,\s*)?"(Records|Events)"\s*:\s*\[|\[)/;

export const DIGEST_FILE_REASON =
  "a CloudTrail digest file (hashes of log files for integrity validation), not an event log; upload the log files it lists instead";

/** True when the text starts like a CloudTrail log file (`{"Records":[`), lookup-events output or a JSON array. */
export function looksLikeRecordsFile(head: string): boolean {
  return HEADER.test(head);
}

/**
 * Streams the elements of the `Records` array of a CloudTrail log file without parsing the file whole.
 * Line numbers are those of each record's first character. Log files concatenated into one upload (`cat *.json`,
 * or several gzip members) are read one after the other; other keys of the wrapper object (`NextToken`) are skipped.
 */
export async function* splitRecordsArray(chunks: AsyncIterable<string>, maxRecordChars: number): AsyncGenerator<RecordSlice> {
  const splitter = new DocumentsSplitter(maxRecordChars);
  for await (const chunk of chunks) yield* splitter.feed(chunk);
  yield* splitter.end();
}

/** Finds each document's array, hands it to the scanner, then skips to the next document. */
class DocumentsSplitter {
  private state: "header" | "array" | "after" | "done" = "header";
  private header = "";
  private readonly scanner: RecordsScanner;
  /** After an array: bracket depth still open around it (1 inside `{"Records":[…]`), and string state. */
  private depth = 0;
  private inString = false;
  private escape = false;

  constructor(limit: number) {
    this.scanner = new RecordsScanner(limit);
  }

  /** `final`: no more text follows, so a header that does not match yet never will. */
  *feed(chunk: string, final = false): Generator<RecordSlice> {
    let text = chunk;
    while (text.length > 0) {
      if (this.state === "done") return;
      if (this.state === "array") {
        yield* this.scanner.feed(text);
        const rest = this.scanner.takeRest();
        if (rest === undefined) return;
        this.state = "after";
        this.depth = this.scanner.container === "" ? 0 : 1;
        text = rest;
      } else if (this.state === "after") {
        const next = this.skipAfter(text);
        if (next < 0) return;
        if (text[next] !== "{" && text[next] !== "[") {
          this.state = "done";
          const line = this.scanner.line;
          yield { line, index: 0, error: { line, reason: "unexpected text after the end of the CloudTrail log file" } };
          return;
        }
        this.state = "header";
        text = text.slice(next);
      } else {
        // The header is tiny; keep it until the opening bracket of the array has been seen.
        this.header += text;
        text = "";
        const m = HEADER.exec(this.header);
        if (!m) {
          if (this.header.length <= 4096 && !final) return;
          if (this.scanner.documents === 0) throw new InputError("not a CloudTrail log file: no Records array at the start");
          yield this.skipDocument();
          text = this.header;
          this.header = "";
          continue;
        }
        this.scanner.countLines(m[0]);
        this.scanner.restart((m[1] as Container | undefined) ?? "");
        this.state = "array";
        text = this.header.slice(m[0].length);
        this.header = "";
      }
    }
  }

  *end(): Generator<RecordSlice> {
    if (this.state === "header" && this.scanner.documents > 0 && this.header !== "") {
      const pending = this.header;
      this.header = "";
      yield* this.feed(pending, true);
    }
    if (this.state === "array" || (this.state === "header" && this.scanner.documents === 0)) yield* this.scanner.end();
  }

  /**
   * The document in `header` is no log file (a digest file from the trail's CloudTrail-Digest folder, say): reported,
   * then skipped as one JSON value, so the log files after it are still read. Leaves the text after its `{` in `header`.
   */
  private skipDocument(): RecordSlice {
    const start = this.header.indexOf("{");
    this.scanner.countLines(this.header.slice(0, start));
    const line = this.scanner.line;
    const head = this.header.slice(start, start + 4096);
    const reason = DIGEST_KEYS.test(head) ? DIGEST_FILE_REASON : "not a CloudTrail log file (no Records array at its start); skipped";
    this.state = "after";
    this.depth = 1;
    this.inString = false;
    this.escape = false;
    this.header = this.header.slice(start + 1);
    return { line, index: 0, error: { line, reason } };
  }

  /**
   * Skips the rest of the wrapper object (its closing brace, or keys such as `NextToken`) and the whitespace after
   * it; returns where the next document starts, or -1 when the chunk ran out first. Lines are counted as it goes.
   */
  private skipAfter(text: string): number {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) this.scanner.line++;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) this.inString = false;
      } else if (this.depth > 0) {
        if (c === QUOTE) this.inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) this.depth--;
      } else if (!(c === 32 || c === 9 || c === NEWLINE || c === 13)) {
        return i;
      }
    }
    return -1;
  }
}

/** Keys only a digest file has near its start. */
const DIGEST_KEYS = /"(?:digestStartTime|digestS3Object)"\s*:/;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const NEWLINE = 0x0a;

/**
 * Tracks only string/escape state and bracket depth, and holds at most one record (up to `limit`
 * characters; longer records are dropped as they stream and reported). In `sequence` mode it reads JSON values
 * one after another with no enclosing array (pretty-printed records, or objects concatenated on one line).
 */
export class RecordsScanner {
  line = 1;
  /** Arrays begun so far. */
  documents = 0;
  container: Container = "Records";
  private index = 0;
  private done = false;
  /** The text after the closing bracket of the array, until taken. */
  private rest: string | undefined;
  private inRecord = false;
  private scalar = false;
  private depth = 0;
  private inString = false;
  private escape = false;
  private startLine = 1;
  private parts: string[] = [];
  private size = 0;
  private oversized = false;
  private junk = false;

  constructor(
    private readonly limit: number,
    private readonly sequence = false,
    startLine = 1,
  ) {
    this.line = startLine;
  }

  /** Starts on the next array (of a concatenated upload): element indexes count from 0 again. */
  restart(container: Container): void {
    this.container = container;
    this.documents++;
    this.index = 0;
    this.done = false;
    this.rest = undefined;
  }

  takeRest(): string | undefined {
    const rest = this.rest;
    this.rest = undefined;
    return rest;
  }

  countLines(text: string): void {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === NEWLINE) this.line++;
  }

  *feed(chunk: string): Generator<RecordSlice> {
    if (this.done) return;
    let start = 0;
    // Where the next backslash and newline of this chunk are: found once and moved past, since looking for them
    // from every string would rescan the chunk's tail each time.
    let backslashAt = -1;
    let newlineAt = -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === NEWLINE) this.line++;
      if (!this.inRecord) {
        if (c === CLOSE_BRACKET && !this.sequence) {
          this.done = true;
          this.rest = chunk.slice(i + 1);
          return;
        }
        if (c === COMMA || c === 32 || c === 9 || c === NEWLINE || c === 13) continue;
        if (this.sequence && c !== OPEN_BRACE) {
          // Between values of a sequence only objects are expected: report a run of anything else once.
          if (!this.junk) yield { line: this.line, index: this.index, error: { line: this.line, reason: "text between JSON objects is not a JSON object" } };
          this.junk = true;
          continue;
        }
        this.junk = false;
        this.begin(c);
        start = i;
      }
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) this.inString = false;
        else {
          // Most of a record is string content: jump to the next character that matters inside a string (a quote,
          // a backslash, or a newline to count), where the loop goes on as before.
          if (backslashAt <= i) backslashAt = indexOrEnd(chunk, "\\", i + 1);
          if (newlineAt <= i) newlineAt = indexOrEnd(chunk, "\n", i + 1);
          i = Math.min(indexOrEnd(chunk, '"', i + 1), backslashAt, newlineAt) - 1;
        }
      } else if (this.scalar && this.depth === 0 && (c === COMMA || c === CLOSE_BRACKET)) {
        // A non-object element ends at the next separator, which then belongs to the array again.
        yield this.emit(null);
        i--;
      } else if (c === QUOTE) {
        this.inString = true;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        this.depth++;
      } else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --this.depth === 0 && !this.scalar) {
        yield this.emit(chunk.slice(start, i + 1));
      }
    }
    if (this.inRecord) this.take(chunk.slice(start));
  }

  *end(): Generator<RecordSlice> {
    const at = { line: this.inRecord ? this.startLine : this.line, index: this.index, ...this.named() };
    if (this.inRecord) {
      yield { ...at, error: { line: at.line, ...this.field(at.index), reason: "file ends inside this record (truncated upload?)" } };
    } else if (!this.done && !this.sequence) {
      yield { ...at, error: { line: at.line, field: this.container || "[]", reason: `file ends before the ${this.container || "top-level"} array is closed (truncated upload?)` } };
    }
  }

  /** `container` is only stated when it is not a log file's `Records` (see RecordSlice). */
  private named(): { container?: Container } {
    return this.container === "Records" ? {} : { container: this.container };
  }

  private field(index: number): { field?: string } {
    return this.sequence ? {} : { field: `${this.container}[${index}]` };
  }

  private begin(c: number): void {
    this.inRecord = true;
    this.depth = 0;
    this.startLine = this.line;
    this.scalar = c !== OPEN_BRACE; // every CloudTrail record is an object
  }

  private take(piece: string): void {
    if (this.oversized) return;
    if (this.size + piece.length > this.limit) {
      this.oversized = true;
      this.parts = [];
      this.size = 0;
    } else {
      this.parts.push(piece);
      this.size += piece.length;
    }
  }

  /** Ends the current record: its text (`last` is its final piece), or an error; `null` = not an object. */
  private emit(last: string | null): RecordSlice {
    if (last !== null) this.take(last);
    const at: { line: number; index: number; container?: Container } = { line: this.startLine, index: this.index++ };
    if (this.container !== "Records") at.container = this.container;
    const error = last === null ? "record is not a JSON object" : this.oversized ? `record is longer than the ${this.limit}-character limit` : null;
    const text = this.parts.join("");
    this.parts = [];
    this.size = 0;
    this.oversized = false;
    this.inRecord = false;
    if (error) return { ...at, error: { line: at.line, ...this.field(at.index), reason: error } };
    return { ...at, text };
  }
}

function indexOrEnd(text: string, search: string, from: number): number {
  const at = text.indexOf(search, from);
  return at < 0 ? text.length : at;
}
