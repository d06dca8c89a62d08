import type { Segment } from "../types";
import { decodeWrapped } from "./encoded";
import { type JsonString, nearestKey, pathToString, walkJsonStrings } from "./json-strings";

function valueSegment(s: JsonString, parentIsObject: boolean): Segment[] {
  const key = parentIsObject ? nearestKey(s.path) : undefined;
  const keyPath = pathToString(s.path);
  const base: Segment = { text: s.value, line: s.line, column: s.column + 1, singleLine: true, context: { keyPath } };
  if (key) base.key = key;
  const decoded = key ? decodeWrapped(key, keyPath, s.value) : undefined;
  // The encoded form is noise to the generic detector; the decoded value is what the name refers to.
  return decoded ? [{ ...base, text: decoded.text, key: decoded.key }] : [base];
}

/** JSON documents: every string value with its key path. Returns undefined when the text is not JSON. */
export function readJson(text: string, firstLine = 1): Segment[] | undefined {
  const segments: Segment[] = [];
  const ok = walkJsonStrings(
    text,
    (s) => segments.push(...valueSegment(s, typeof s.path[s.path.length - 1] === "string")),
    firstLine,
  );
  return ok ? segments : undefined;
}

/** JSONL agent transcripts and event logs: each line is its own document; other lines are text. */
export function readJsonLines(text: string): Segment[] {
  const segments: Segment[] = [];
  let line = 1;
  for (const raw of text.split("\n")) {
    const trimmed = raw.trim();
    const parsed = trimmed.startsWith("{") || trimmed.startsWith("[") ? readJson(raw, line) : undefined;
    if (parsed) segments.push(...parsed);
    else if (trimmed) segments.push({ text: raw, line, column: 1 });
    line++;
  }
  return segments;
}

/**
 * Jupyter notebooks: a cell's `source` (and an output's `text`) is an array of lines; joined back into one
 * multi-line segment so a key pasted across lines is seen whole, tagged with the cell number.
 */
export function readNotebook(text: string): Segment[] | undefined {
  const groups = new Map<string, { lines: string[]; line: number; column: number; cell: number | undefined }>();
  const segments: Segment[] = [];
  const ok = walkJsonStrings(text, (s) => {
    const cell = s.path[0] === "cells" && typeof s.path[1] === "number" ? s.path[1] : undefined;
    const last = s.path[s.path.length - 1];
    if (typeof last === "number") {
      const parent = pathToString(s.path.slice(0, -1));
      const g = groups.get(parent) ?? { lines: [], line: s.line, column: s.column + 1, cell };
      g.lines.push(s.value);
      groups.set(parent, g);
      return;
    }
    for (const seg of valueSegment(s, true)) segments.push(cell === undefined ? seg : { ...seg, context: { ...seg.context, cell } });
  });
  if (!ok) return undefined;
  for (const [keyPath, g] of groups) {
    const context = g.cell === undefined ? { keyPath } : { keyPath, cell: g.cell };
    // One JSON line per source line, so line numbers stay true; a single string with \n maps to its own line.
    const joined = g.lines.join("").replace(/\n$/, "");
    segments.push({ text: joined, line: g.line, column: g.lines.length > 1 ? 1 : g.column, singleLine: g.lines.length === 1, context });
  }
  return segments;
}

const SLACK_ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/** Slack export day file (`<channel>/<YYYY-MM-DD>.json`): message text and blocks, named by channel and ts. */
export function readSlackDay(text: string, channel: string): Segment[] | undefined {
  const strings: JsonString[] = [];
  if (!walkJsonStrings(text, (s) => strings.push(s))) return undefined;
  const meta = new Map<number, { ts?: string; user?: string }>();
  for (const s of strings) {
    const i = s.path[0];
    if (typeof i !== "number" || s.path.length !== 2) continue;
    const m = meta.get(i) ?? {};
    if (s.path[1] === "ts") m.ts = s.value;
    if (s.path[1] === "user") m.user = s.value;
    meta.set(i, m);
  }
  const segments: Segment[] = [];
  for (const s of strings) {
    const field = s.path[s.path.length - 1];
    if (field !== "text" && field !== "fallback" && field !== "preview" && field !== "url" && field !== "value") continue;
    const i = typeof s.path[0] === "number" ? s.path[0] : -1;
    const m = meta.get(i) ?? {};
    const unescaped = s.value.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => SLACK_ENTITIES[e] ?? e);
    const context = { channel, ...(m.ts ? { messageTs: m.ts } : {}), ...(m.user ? { user: m.user } : {}) };
    segments.push({ text: unescaped, line: s.line, column: s.column + 1, singleLine: true, context });
  }
  return segments;
}
