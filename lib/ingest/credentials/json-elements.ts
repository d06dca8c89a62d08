import { rejectedRow, type RowError, type RowLocation } from "../row-error";
import { splitJson } from "./json-split";
import { InvalidEncodingError, decodeChunks } from "./text-decode";

/**
 * JSON objects of an upload, one at a time, each with the line it starts on and its position among the file's
 * elements. Parse errors are reported without the engine's message, which quotes a snippet of the input (and the
 * input may hold a secret).
 */

export type JsonElement = RowLocation & ({ value: Record<string, unknown> } | { error: RowError });

export type JsonElementOptions = {
  maxElementChars: number;
  listKey?: string;
  /** Read an array of arrays as pages of elements (see JsonSplitOptions). */
  pages?: boolean;
  /** Applied during JSON.parse, so a field can be dropped before any importer code sees it. */
  reviver?: (this: unknown, key: string, value: unknown) => unknown;
};

export async function* readJsonObjects(
  src: AsyncIterable<Uint8Array>,
  opts: JsonElementOptions,
): AsyncGenerator<JsonElement> {
  let item = 0;
  try {
    for await (const piece of splitJson(decodeChunks(src), opts)) {
      // A piece short of fatal stands where an element is or should be (an empty one, a trailing comma): it takes
      // that position. A fatal error ends the file, and its line is all there is to say.
      const at = "fatal" in piece ? { line: piece.line } : { line: piece.line, item: ++item };
      if ("error" in piece) {
        yield rejectedRow(at, { reason: piece.error });
        continue;
      }
      yield parseElement(at, piece.text, opts.reviver);
    }
  } catch (e) {
    if (!(e instanceof InvalidEncodingError)) throw e;
    yield { line: e.line, error: { line: e.line, reason: e.message } };
  }
}

function parseElement(at: RowLocation, text: string, reviver: JsonElementOptions["reviver"]): JsonElement {
  let value: unknown;
  try {
    value = JSON.parse(text, reviver);
  } catch {
    return rejectedRow(at, { reason: "element is not valid JSON" });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return rejectedRow(at, { reason: "expected a JSON object" });
  }
  return { ...at, value: value as Record<string, unknown> };
}
