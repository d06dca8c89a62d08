import type { RowError } from "../row-error";

export type Line = { line: number; text: string } | { line: number; error: RowError };

const NEWLINE = 0x0a;
const CR = 0x0d;

/**
 * Splits bytes into UTF-8 lines without ever holding more than `maxLineBytes` of one line: a longer line is
 * dropped as it streams and reported with its number, and reading continues on the next line.
 * `\r\n` and a missing final newline are accepted.
 */
export async function* splitLines(input: AsyncIterable<Uint8Array>, maxLineBytes: number): AsyncGenerator<Line> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let parts: Uint8Array[] = [];
  let size = 0;
  let oversized = false;
  let lineNo = 1;

  const finish = (): Line => {
    const line = lineNo++;
    if (oversized) {
      oversized = false;
      return { line, error: { line, reason: `line is longer than the ${maxLineBytes}-byte limit` } };
    }
    const bytes = concat(parts, size);
    parts = [];
    size = 0;
    const end = bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length;
    if (end > maxLineBytes) return { line, error: { line, reason: `line is longer than the ${maxLineBytes}-byte limit` } };
    try {
      return { line, text: decoder.decode(bytes.subarray(0, end)) };
    } catch {
      return { line, error: { line, reason: "line is not valid UTF-8" } };
    }
  };

  const append = (piece: Uint8Array) => {
    if (oversized || piece.length === 0) return;
    if (size + piece.length > maxLineBytes + 1) {
      // +1 leaves room for a trailing \r; the bytes so far are released at once.
      oversized = true;
      parts = [];
      size = 0;
      return;
    }
    parts.push(piece);
    size += piece.length;
  };

  for await (const chunk of input) {
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE, start); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      append(chunk.subarray(start, nl));
      yield finish();
      start = nl + 1;
    }
    // Copy: callers may reuse their chunk buffers.
    if (start < chunk.length) append(chunk.slice(start));
  }
  if (size > 0 || oversized) yield finish();
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(size);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
