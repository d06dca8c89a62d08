/** A tolerant JSON tokenizer that reports every string value with its key path and real line/column. */

export type JsonPath = Array<string | number>;

export interface JsonString {
  path: JsonPath;
  value: string;
  /** 1-based position of the opening quote. */
  line: number;
  column: number;
  /** Offset of the value's first character in the walked text. */
  offset: number;
  /**
   * Where the value's escapes (`\n`, `\/`, `\u00e9`) shortened it: a map (source-map.ts) from value offsets to
   * offsets in the walked text. Absent when the value is written as is.
   */
  escapes?: number[];
  /** The object or array holding the value, by identity: siblings share it (undefined for a bare top-level string). */
  container: object | undefined;
  /** Every enclosing container, outermost first. The walker's own stack: read it in the callback, never keep it. */
  stack: readonly object[];
}

interface Frame {
  array: boolean;
  index: number;
  key: string | undefined;
  expectKey: boolean;
}

interface Literal {
  value: string;
  escapes?: number[];
}

/** The string between `text[from - 1]` and `text[to]` (its quotes), decoded; a value's with its escapes' map. */
function decodeLiteral(text: string, from: number, to: number, isValue: boolean): Literal {
  const raw = text.slice(from - 1, to + 1);
  if (!raw.includes("\\")) return { value: raw.slice(1, -1) };
  let value: string;
  let json = true;
  try {
    value = JSON.parse(raw) as string;
  } catch {
    value = raw.slice(1, -1).replace(/\\(.)/g, "$1");
    json = false;
  }
  return isValue ? { value, escapes: escapeMap(text, from, to, json) } : { value };
}

/**
 * Each escape is one character of the value: `\uXXXX` six of the source (a surrogate pair is two of them, as it
 * is two UTF-16 units), any other two. Not JSON, every backslash and the character after it become that character.
 */
function escapeMap(text: string, from: number, to: number, json: boolean): number[] {
  const points = [0, from];
  let decoded = 0;
  let k = from;
  for (let b = text.indexOf("\\", k); b !== -1 && b < to; b = text.indexOf("\\", k)) {
    decoded += b - k + 1;
    k = b + (json && text.charCodeAt(b + 1) === 117 ? 6 : 2);
    points.push(decoded, k);
  }
  return points;
}

/** Calls `onString` for each string value (not keys). Returns false when the text is not JSON-shaped. */
export function walkJsonStrings(text: string, onString: (s: JsonString) => void, firstLine = 1): boolean {
  const stack: Frame[] = [];
  let line = firstLine;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
    } else if (c === 34) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 ? 2 : 1;
      if (j >= text.length) return false;
      const top = stack[stack.length - 1];
      const isKey = top !== undefined && !top.array && top.expectKey;
      const { value, escapes } = decodeLiteral(text, i + 1, j, !isKey);
      if (isKey) top.key = value;
      else onString({ path: pathOf(stack), value, line, column: i - lineStart + 1, offset: i + 1, ...(escapes ? { escapes } : {}), container: top, stack });
      i = j;
    } else if (c === 123 || c === 91) {
      stack.push({ array: c === 91, index: 0, key: undefined, expectKey: c === 123 });
    } else if (c === 125 || c === 93) {
      if (!stack.pop()) return false;
    } else if (c === 44) {
      const top = stack[stack.length - 1];
      if (top?.array) top.index++;
      else if (top) top.expectKey = true;
    } else if (c === 58) {
      const top = stack[stack.length - 1];
      if (top && !top.array) top.expectKey = false;
    }
  }
  return stack.length === 0;
}

function pathOf(stack: Frame[]): JsonPath {
  const path: JsonPath = [];
  for (const f of stack) path.push(f.array ? f.index : (f.key ?? ""));
  return path;
}

export function pathToString(path: JsonPath): string {
  return path.map((p) => (typeof p === "number" ? `[${p}]` : p)).join(".").replace(/\.\[/g, "[");
}

/** The name a value was assigned to: the nearest enclosing object key. */
export function nearestKey(path: JsonPath): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const p = path[i];
    if (typeof p === "string") return p;
  }
  return undefined;
}
