/** A tolerant JSON tokenizer that reports every string value with its key path and real line/column. */

export type JsonPath = Array<string | number>;

export interface JsonString {
  path: JsonPath;
  value: string;
  /** 1-based position of the opening quote. */
  line: number;
  column: number;
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

function decodeLiteral(raw: string): string {
  if (!raw.includes("\\")) return raw.slice(1, -1);
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1).replace(/\\(.)/g, "$1");
  }
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
      const value = decodeLiteral(text.slice(i, j + 1));
      const top = stack[stack.length - 1];
      if (top && !top.array && top.expectKey) top.key = value;
      else onString({ path: pathOf(stack), value, line, column: i - lineStart + 1, container: top, stack });
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
