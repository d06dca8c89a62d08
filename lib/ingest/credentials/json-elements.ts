import type { RowError } from "../row-error";
import { splitJson } from "./json-split";
import { InvalidEncodingError, decodeChunks } from "./text-decode";

/**
 * JSON objects of an upload, one at a time, each with the line it starts on. Parse errors are reported
 * without the engine's message, which quotes a snippet of the input (and the input may hold a secret).
 */

export type JsonElement = { line: number; value: Record<string, unknown> } | { line: number; error: RowError };

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
  try {
    for await (const piece of splitJson(decodeChunks(src), opts)) {
      if ("error" in piece) {
        yield { line: piece.line, error: { line: piece.line, reason: piece.error } };
        continue;
      }
      yield parseElement(piece.line, piece.text, opts.reviver);
    }
  } catch (e) {
    if (!(e instanceof InvalidEncodingError)) throw e;
    yield { line: e.line, error: { line: e.line, reason: e.message } };
  }
}

function parseElement(line: number, text: string, reviver: JsonElementOptions["reviver"]): JsonElement {
  let value: unknown;
  try {
    value = JSON.parse(text, reviver);
  } catch {
    return { line, error: { line, reason: "element is not valid JSON" } };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { line, error: { line, reason: "expected a JSON object" } };
  }
  return { line, value: value as Record<string, unknown> };
}
