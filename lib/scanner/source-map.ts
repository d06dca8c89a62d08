import type { Segment } from "./types";

/**
 * Decoded text back to the file. Readers decode before scanning (entities, tags, JSON and Markdown escapes, colour
 * codes), so an offset in the scanned text is not the file's column. A map keeps breakpoints only where decoding
 * changed length: flat pairs `[text offset, source offset, …]`, ascending; a text offset maps to the source offset of
 * the last pair at or before it plus the distance from that pair (before the first pair, to itself). Text with
 * nothing decoded has no map, so clean files pay nothing.
 */
export interface SourceMap {
  points: number[];
  /**
   * The source the offsets index, when the segment spans lines: its own newlines give the line and column, since
   * decoding may add (`&#10;`, a tag's carried values) or remove them. Single-line segments need none: only the
   * distance from the segment's start counts there.
   */
  source?: SourceText;
}

/** A file's text, shared by its segments, with its newline offsets found once, on the first finding that needs them. */
export interface SourceText {
  readonly text: string;
  newlines?: number[];
}

export function toSource(points: readonly number[], at: number): number {
  let lo = 0;
  let hi = (points.length >> 1) - 1;
  if (hi < 0 || at < (points[0] ?? 0)) return at;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((points[mid * 2] ?? 0) <= at) lo = mid;
    else hi = mid - 1;
  }
  return (points[lo * 2 + 1] ?? 0) + at - (points[lo * 2] ?? 0);
}

/** Index of the first pair whose text offset is above `at`. */
function firstAbove(points: readonly number[], at: number): number {
  let lo = 0;
  let hi = points.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((points[mid * 2] ?? 0) <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo * 2;
}

/** One decoding after another: `first` maps text to its input, `then` maps that input to the source. */
export function compose(first: readonly number[], then: readonly number[]): number[] {
  if (!then.length) return [...first];
  if (!first.length) return [...then];
  const out: number[] = [];
  const push = (t: number, s: number): void => {
    const n = out.length;
    if (n ? s - t === (out[n - 1] ?? 0) - (out[n - 2] ?? 0) : s === t) return;
    out.push(t, s);
  };
  const pairs = first.length >> 1;
  // Each stretch of `first` shifts by one delta; `then`'s breakpoints inside its image start new stretches.
  for (let k = -1; k < pairs; k++) {
    const start = k < 0 ? 0 : (first[k * 2] ?? 0);
    const end = k + 1 < pairs ? (first[k * 2 + 2] ?? 0) : Infinity;
    if (start >= end) continue;
    const delta = k < 0 ? 0 : (first[k * 2 + 1] ?? 0) - start;
    push(start, toSource(then, start + delta));
    for (let j = firstAbove(then, start + delta); j < then.length && (then[j] ?? 0) < end + delta; j += 2) push((then[j] ?? 0) - delta, then[j + 1] ?? 0);
  }
  return out;
}

/** Text offset 0 at source offset `by`: a value's map when nothing in it was decoded. */
export function shifted(by: number): number[] {
  return by ? [0, by] : [];
}

/**
 * Builds a decoded text and its map in one pass over the source: `keep` copies source text as is, `put` writes text
 * standing for the source at an offset (an entity's character, a tag's space).
 */
export class MappedText {
  readonly points: number[] = [];
  private readonly parts: string[] = [];
  private length = 0;
  private delta = 0;

  constructor(private readonly source: string) {}

  keep(from: number, to: number): void {
    if (to <= from) return;
    this.mark(from);
    this.parts.push(this.source.slice(from, to));
    this.length += to - from;
  }

  put(text: string, at: number): void {
    if (!text) return;
    this.mark(at);
    this.parts.push(text);
    this.length += text.length;
  }

  get text(): string {
    return this.parts.length === 1 ? (this.parts[0] ?? "") : this.parts.join("");
  }

  private mark(at: number): void {
    if (at - this.length === this.delta) return;
    this.delta = at - this.length;
    this.points.push(this.length, at);
  }
}

export interface Mapped {
  text: string;
  points: number[];
}

/**
 * `text.replace(pattern, …)` that keeps the map: `replace` writes each match's stand-in into `out` (by `put`, or by
 * `keep` of the parts of the match that stay). `pattern` must be global.
 */
export function replaceMapped(text: string, pattern: RegExp, replace: (m: RegExpExecArray, out: MappedText) => void): Mapped {
  const out = new MappedText(text);
  let last = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    out.keep(last, m.index);
    replace(m, out);
    last = m.index + m[0].length;
    if (!m[0].length) pattern.lastIndex++;
  }
  if (last === 0) return { text, points: [] };
  out.keep(last, text.length);
  return { text: out.text, points: out.points };
}

/** Several decodings in turn, their maps composed into one from the last text back to the first. */
export function chain(text: string, ...steps: Array<(text: string) => Mapped>): Mapped {
  let points: number[] = [];
  for (const step of steps) {
    const next = step(text);
    if (next.text === text && !next.points.length) continue;
    points = points.length ? compose(next.points, points) : next.points;
    text = next.text;
  }
  return { text, points };
}

/** Where an offset of a segment's text sits in the file. */
export function locate(segment: Segment, at: number): { line: number; column: number } {
  // A base64-decoded value has no offsets of the file's: all of it sits where the encoded value starts.
  if (segment.encoded) return { line: segment.line, column: segment.column };
  const map = segment.map;
  if (map) {
    const from = toSource(map.points, 0);
    const to = toSource(map.points, at);
    if (map.source) return sourceLocate(segment, map.source, from, to);
    return { line: segment.line, column: segment.column + to - from };
  }
  if (segment.pieces?.length) {
    let lo = 0;
    let hi = segment.pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((segment.pieces[mid]?.[0] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    const [offset, line, column] = segment.pieces[lo] ?? [0, segment.line, segment.column];
    return at >= offset ? { line, column: column + at - offset } : { line: segment.line, column: segment.column + at };
  }
  if (segment.singleLine) return { line: segment.line, column: segment.column + at };
  const newlines = segmentNewlines(segment);
  const before = countBelow(newlines, at);
  const lineStart = before === 0 ? 0 : (newlines[before - 1] ?? 0) + 1;
  return { line: segment.line + before, column: before === 0 ? segment.column + at : at - lineStart + 1 };
}

/** `to` counted from `from`, which sits at the segment's line and column, by the source's own newlines. */
function sourceLocate(segment: Segment, source: SourceText, from: number, to: number): { line: number; column: number } {
  source.newlines ??= newlineOffsets(source.text);
  const lines = countBelow(source.newlines, to) - countBelow(source.newlines, from);
  if (lines <= 0) return { line: segment.line, column: segment.column + to - from };
  const before = countBelow(source.newlines, to);
  return { line: segment.line + lines, column: to - (source.newlines[before - 1] ?? 0) };
}

/** How many of the ascending offsets are below `at`. */
function countBelow(offsets: readonly number[], at: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((offsets[mid] ?? 0) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function newlineOffsets(text: string): number[] {
  const offsets: number[] = [];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) offsets.push(i);
  return offsets;
}

/**
 * A segment's newline offsets, found once on its first finding: walking from the segment's start for every finding
 * made a CI log with thousands of findings quadratic.
 */
const NEWLINES = new WeakMap<Segment, number[]>();
function segmentNewlines(segment: Segment): number[] {
  let offsets = NEWLINES.get(segment);
  if (!offsets) {
    offsets = newlineOffsets(segment.text);
    NEWLINES.set(segment, offsets);
  }
  return offsets;
}

/** The text offset of a 1-based line and column of `text` (a table cell found in decoded text). */
function offsetOf(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", at);
    if (nl === -1) break;
    at = nl + 1;
  }
  return at + column - 1;
}

/**
 * Segments found in `within`'s decoded text (its tables' cells), moved to where they sit in the file: their lines
 * and columns were counted in that text, from 1 and 1 at its start. A multi-line `within` with no map is the file
 * itself, whose lines and columns they already are.
 */
export function relocate(segments: Segment[], within: Segment): Segment[] {
  const map = within.map;
  if (!map && !within.singleLine && !within.encoded) return segments;
  return segments.map((s) => {
    const offset = offsetOf(within.text, s.line, s.column);
    if (within.encoded) return { ...s, line: within.line, column: within.column, encoded: true };
    const points = compose(shifted(offset), map?.points ?? []);
    return { ...s, ...locate(within, offset), ...(points.length ? { map: map?.source ? { points, source: map.source } : { points } } : {}) };
  });
}
