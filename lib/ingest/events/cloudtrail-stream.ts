import type { RowError } from "../row-error";
import { InputError } from "./byte-input";

/** One element of a CloudTrail `Records` array, as text, or why it could not be taken. */
export type RecordSlice = { line: number; index: number; text: string } | { line: number; index: number; error: RowError };

const HEADER = /^\uFEFF?\s*\{\s*"Records"\s*:\s*\[/;

/** True when the text starts like a CloudTrail log file (`{"Records":[`). */
export function looksLikeRecordsFile(head: string): boolean {
  return HEADER.test(head);
}

/**
 * Streams the elements of the `Records` array of a CloudTrail log file without parsing the file whole.
 * Line numbers are those of each record's first character. Content after the array is ignored.
 */
export async function* splitRecordsArray(chunks: AsyncIterable<string>, maxRecordChars: number): AsyncGenerator<RecordSlice> {
  const scanner = new RecordsScanner(maxRecordChars);
  let header = "";
  let inArray = false;
  for await (const chunk of chunks) {
    if (inArray) {
      yield* scanner.feed(chunk);
      continue;
    }
    // The header is tiny; keep it until the opening bracket of Records has been seen.
    header += chunk;
    const m = HEADER.exec(header);
    if (!m) {
      if (header.length > 4096) throw new InputError("not a CloudTrail log file: no Records array at the start");
      continue;
    }
    inArray = true;
    scanner.countLines(m[0]);
    yield* scanner.feed(header.slice(m[0].length));
    header = "";
  }
  yield* scanner.end();
}

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
 * characters; longer records are dropped as they stream and reported).
 */
class RecordsScanner {
  private line = 1;
  private index = 0;
  private done = false;
  private inRecord = false;
  private scalar = false;
  private depth = 0;
  private inString = false;
  private escape = false;
  private startLine = 1;
  private parts: string[] = [];
  private size = 0;
  private oversized = false;

  constructor(private readonly limit: number) {}

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
        if (c === CLOSE_BRACKET) {
          this.done = true;
          return;
        }
        if (c === COMMA || c === 32 || c === 9 || c === NEWLINE || c === 13) continue;
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
    const at = { line: this.inRecord ? this.startLine : this.line, index: this.index };
    if (this.inRecord) {
      yield { ...at, error: { line: at.line, field: `Records[${at.index}]`, reason: "file ends inside this record (truncated upload?)" } };
    } else if (!this.done) {
      yield { ...at, error: { line: at.line, field: "Records", reason: "file ends before the Records array is closed (truncated upload?)" } };
    }
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
    const at = { line: this.startLine, index: this.index++ };
    const error = last === null ? "record is not a JSON object" : this.oversized ? `record is longer than the ${this.limit}-character limit` : null;
    const text = this.parts.join("");
    this.parts = [];
    this.size = 0;
    this.oversized = false;
    this.inRecord = false;
    if (error) return { ...at, error: { line: at.line, field: `Records[${at.index}]`, reason: error } };
    return { ...at, text };
  }
}

function indexOrEnd(text: string, search: string, from: number): number {
  const at = text.indexOf(search, from);
  return at < 0 ? text.length : at;
}
