/**
 * Streaming text decoding for uploads: BOM sniffing (UTF-8, UTF-16 LE/BE), line counting, and invalid UTF-8
 * reported with the line it sits on. Generic: any line- or chunk-oriented ingest format can reuse it.
 * Memory is bounded by one line (readLines) or one chunk (decodeChunks), never by the file.
 */

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be";

/** One physical line, without its terminator (LF, CRLF, or CR alone as Excel for Mac writes). */
export type TextLine = {
  line: number;
  text: string;
  /** `encoding`: the bytes were not valid UTF-8 (text holds a lossy decoding); `too_long`: text was dropped. */
  problem?: "encoding" | "too_long";
};

export class InvalidEncodingError extends Error {
  constructor(readonly line: number) {
    super(`invalid UTF-8 on line ${line} (save the file as UTF-8 or UTF-16 with a byte order mark)`);
  }
}

export function sniffEncoding(head: Uint8Array): { encoding: TextEncodingName; bomLength: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", bomLength: 2 };
  return { encoding: "utf-8", bomLength: 0 };
}

/** Reads just enough of the stream to sniff a BOM, then yields the remaining bytes without it. */
async function withoutBom(
  src: AsyncIterable<Uint8Array>,
): Promise<{ encoding: TextEncodingName; chunks: AsyncGenerator<Uint8Array> }> {
  const it = src[Symbol.asyncIterator]();
  let head: Uint8Array = new Uint8Array(0);
  let done = false;
  while (head.length < 3 && !done) {
    const next = await it.next();
    if (next.done) done = true;
    else head = concat([head, next.value]);
  }
  const { encoding, bomLength } = sniffEncoding(head);
  async function* chunks() {
    if (head.length > bomLength) yield head.subarray(bomLength);
    if (done) return;
    for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
  }
  return { encoding, chunks: chunks() };
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const fatalUtf8 = new TextDecoder("utf-8", { fatal: true });
const lossyUtf8 = new TextDecoder("utf-8");

function decodeLine(bytes: Uint8Array, line: number): TextLine {
  try {
    return { line, text: fatalUtf8.decode(bytes) };
  } catch {
    return { line, text: lossyUtf8.decode(bytes), problem: "encoding" };
  }
}

const LF = 10;
const CR = 13;

/** Where the next line ends at or after `from` (a CR or an LF), or -1. */
function lineEnd(chunk: Uint8Array, from: number): number {
  const lf = chunk.indexOf(LF, from);
  const cr = lf === -1 ? chunk.indexOf(CR, from) : chunk.subarray(from, lf).indexOf(CR);
  if (cr === -1) return lf;
  return lf === -1 ? cr : from + cr;
}

async function* utf8Lines(chunks: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<TextLine> {
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  let line = 1;
  const flush = (): TextLine => {
    const out: TextLine = tooLong ? { line, text: "", problem: "too_long" } : decodeLine(concat(pending), line);
    pending = [];
    pendingBytes = 0;
    tooLong = false;
    line += 1;
    return out;
  };
  // A CR ending one chunk may be the first half of a CRLF: the LF starting the next chunk then ends nothing.
  let afterCr = false;
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    let start = afterCr && chunk[0] === LF ? 1 : 0;
    afterCr = false;
    for (let end = lineEnd(chunk, start); end !== -1; end = lineEnd(chunk, start)) {
      if (!tooLong) pending.push(chunk.subarray(start, end));
      pendingBytes += end - start;
      if (pendingBytes > maxBytes) tooLong = true;
      yield flush();
      start = end + 1;
      if (chunk[end] === CR) {
        if (start === chunk.length) afterCr = true;
        else if (chunk[start] === LF) start++;
      }
    }
    if (start < chunk.length && !tooLong) pending.push(chunk.subarray(start));
    pendingBytes += chunk.length - start;
    if (pendingBytes > maxBytes) {
      tooLong = true;
      pending = [];
    }
  }
  if (pendingBytes > 0 || tooLong) yield flush();
}

async function* utf16Lines(
  chunks: AsyncIterable<Uint8Array>,
  encoding: "utf-16le" | "utf-16be",
  maxChars: number,
): AsyncGenerator<TextLine> {
  const decoder = new TextDecoder(encoding);
  let pending = "";
  let line = 1;
  let afterCr = false;
  const emit = (text: string): TextLine =>
    text.length > maxChars ? { line: line++, text: "", problem: "too_long" } : { line: line++, text };
  for await (const chunk of chunks) {
    pending += decoder.decode(chunk, { stream: true });
    if (afterCr && pending !== "") {
      if (pending.startsWith("\n")) pending = pending.slice(1);
      afterCr = false;
    }
    let end: number;
    while ((end = pending.search(/[\r\n]/)) !== -1) {
      yield emit(pending.slice(0, end));
      const crlf = pending.startsWith("\r\n", end);
      afterCr = pending[end] === "\r" && end === pending.length - 1;
      pending = pending.slice(end + (crlf ? 2 : 1));
    }
    // Keep memory bounded on a line with no end; the line is reported as too long when it finally ends.
    if (pending.length > maxChars) pending = pending.slice(0, maxChars + 1);
  }
  pending += decoder.decode();
  if (pending.length > 0) yield emit(pending);
}

/** Physical lines of a text upload, numbered from 1, with encoding problems flagged per line. */
export async function* readLines(src: AsyncIterable<Uint8Array>, maxLineChars: number): AsyncGenerator<TextLine> {
  const { encoding, chunks } = await withoutBom(src);
  if (encoding === "utf-8") yield* utf8Lines(chunks, maxLineChars);
  else yield* utf16Lines(chunks, encoding, maxLineChars);
}

/** Offset of the first invalid UTF-8 byte (-1 if none) and the length of an incomplete sequence at the end. */
export function scanUtf8(bytes: Uint8Array): { invalidAt: number; tail: number } {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) { i += 1; continue; }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) { need = 2; if (b === 0xe0) lo = 0xa0; if (b === 0xed) hi = 0x9f; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; if (b === 0xf0) lo = 0x90; if (b === 0xf4) hi = 0x8f; }
    else return { invalidAt: i, tail: 0 };
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return { invalidAt: -1, tail: bytes.length - i };
      const c = bytes[i + k] as number;
      const [min, max] = k === 1 ? [lo, hi] : [0x80, 0xbf];
      if (c < min || c > max) return { invalidAt: i, tail: 0 };
    }
    i += need + 1;
  }
  return { invalidAt: -1, tail: 0 };
}

function countNewlines(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let at = bytes.indexOf(10); at !== -1 && at < end; at = bytes.indexOf(10, at + 1)) n++;
  return n;
}

/**
 * Decoded text chunks for formats that are not line-oriented (a minified JSON array is one huge line).
 * Throws InvalidEncodingError naming the line of the first invalid UTF-8 byte.
 */
export async function* decodeChunks(src: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const { encoding, chunks } = await withoutBom(src);
  if (encoding !== "utf-8") {
    const decoder = new TextDecoder(encoding);
    for await (const chunk of chunks) yield decoder.decode(chunk, { stream: true });
    const rest = decoder.decode();
    if (rest) yield rest;
    return;
  }
  let carry = new Uint8Array(0);
  let line = 1;
  for await (const chunk of chunks) {
    const buf = carry.length ? concat([carry, chunk]) : chunk;
    const { invalidAt, tail } = scanUtf8(buf);
    if (invalidAt !== -1) throw new InvalidEncodingError(line + countNewlines(buf, invalidAt));
    const whole = buf.subarray(0, buf.length - tail);
    line += countNewlines(whole, whole.length);
    carry = buf.slice(buf.length - tail);
    yield lossyUtf8.decode(whole);
  }
  if (carry.length) throw new InvalidEncodingError(line);
}
