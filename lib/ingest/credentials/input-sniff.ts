import { peekBytes } from "../peek";
import { InvalidEncodingError, decodeChunks, sniffEncoding } from "./text-decode";

/**
 * Lets an importer recognise what a tool actually printed (the AWS CLI's JSON wrapper, kubectl's YAML) before
 * choosing how to read it, without consuming the stream: the bytes looked at are yielded again.
 */

/** Enough to see past a BOM and leading blank lines; a file of only whitespace beyond this is read as usual. */
const PEEK_BYTES = 64 * 1024;

export type Sniffed = {
  /** The start of the text: BOM and leading whitespace removed (up to 64 KB of it). */
  head: string;
  /** The whole input, as if it had never been looked at. */
  input: AsyncIterable<Uint8Array>;
};

export async function sniffHead(src: AsyncIterable<Uint8Array>): Promise<Sniffed> {
  const { head, stream } = await peekBytes(src, PEEK_BYTES);
  const { encoding, bomLength } = sniffEncoding(head);
  // Lossy on purpose: a multi-byte character cut at the end of the peek only affects the tail of `head`.
  return { head: new TextDecoder(encoding).decode(head.subarray(bomLength)).trimStart(), input: stream };
}

export type WholeText = { ok: true; text: string } | { ok: false; line: number; reason: string };

/**
 * The whole upload as text, for the few inputs that cannot be read as a stream (a base64 blob inside JSON, a
 * YAML document). Refused beyond `maxChars` so memory stays bounded; `tooLarge` says what to do instead.
 */
export async function readWholeText(src: AsyncIterable<Uint8Array>, maxChars: number, tooLarge: string): Promise<WholeText> {
  const parts: string[] = [];
  let length = 0;
  try {
    for await (const chunk of decodeChunks(src)) {
      length += chunk.length;
      if (length > maxChars) return { ok: false, line: 1, reason: tooLarge };
      parts.push(chunk);
    }
  } catch (e) {
    if (!(e instanceof InvalidEncodingError)) throw e;
    return { ok: false, line: e.line, reason: e.message };
  }
  return { ok: true, text: parts.join("") };
}
