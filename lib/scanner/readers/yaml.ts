import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from "yaml";
import { ownedFieldName, ownedKeyName } from "../secret-name";
import type { Segment } from "../types";
import { decodeWrapped } from "./encoded";
import { NAME_FIELD, nestedJson, readJson, VALUE_FIELD } from "./json";

/**
 * YAML (Kubernetes manifests, kubeconfig, CI files, compose): every scalar with its key path and line.
 * Returns undefined when the file does not parse (templated YAML), so the caller falls back to text.
 */
export function readYaml(text: string): Segment[] | undefined {
  const { comments, uncommented } = splitComments(text);
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(uncommented, { lineCounter, uniqueKeys: false });
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return undefined;
  const segments: Segment[] = [];
  const source = { text: uncommented, lc: lineCounter };
  for (const doc of docs) walk(doc.contents, [], undefined, segments, source);
  if (comments) segments.push({ text: comments, line: 1, column: 1 });
  return segments;
}

/**
 * Comments are invisible to the tree but are where people paste "old" keys: they become one segment of their own
 * (other lines blank, so lines stay true). The parser is given the text with whole-line comments blanked, which
 * halves its work on a heavily commented file; a `#` line inside a block scalar is still scanned, as a comment.
 */
function splitComments(text: string): { comments: string | undefined; uncommented: string } {
  const lines = text.split("\n");
  const comments = new Array<string>(lines.length);
  let any = false;
  let blanked = false;
  lines.forEach((raw, i) => {
    const hash = raw.search(/(?:^|\s)#/);
    comments[i] = hash === -1 ? "" : raw.slice(hash);
    if (hash === -1) return;
    any = true;
    if (raw.trimStart().startsWith("#")) {
      lines[i] = "";
      blanked = true;
    }
  });
  return { comments: any ? comments.join("\n") : undefined, uncommented: blanked ? lines.join("\n") : text };
}

interface Source {
  text: string;
  lc: LineCounter;
}

function walk(node: unknown, path: string[], key: string | undefined, out: Segment[], lc: Source): void {
  if (isMap(node)) {
    let sibling: string | undefined;
    for (const pair of node.items) {
      if (isScalar(pair.key) && NAME_FIELD.test(String(pair.key.value)) && isScalar(pair.value) && typeof pair.value.value === "string") sibling = pair.value.value;
    }
    for (const pair of node.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : "";
      const named = sibling !== undefined && VALUE_FIELD.test(k) ? ownedFieldName(sibling, () => path.findLast((p) => !p.startsWith("["))) : undefined;
      walk(pair.value, [...path, k], named ?? ownedKeyName(k, path[path.length - 1]), out, lc);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => walk(item, [...path, `[${i}]`], key, out, lc));
  } else if (isScalar(node) && typeof node.value === "string" && node.range) {
    if (node.tag === "!vault") return;
    out.push(...scalarSegments(node as Node & { value: string }, path, key, lc));
  }
}

function scalarSegments(node: Node & { value: string; type?: string }, path: string[], key: string | undefined, src: Source): Segment[] {
  const start = src.lc.linePos(node.range?.[0] ?? 0);
  const block = node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED";
  const keyPath = path.join(".").replace(/\.\[/g, "[");
  const segment: Segment = {
    text: node.value,
    line: block ? start.line + 1 : start.line,
    column: block ? 1 : start.col + (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE" ? 1 : 0),
    singleLine: !block,
    context: { keyPath },
  };
  if (key) segment.key = key;
  if (node.type !== "BLOCK_LITERAL") {
    const pieces = foldedPieces(node.value, src, node.range?.[0] ?? 0, node.range?.[1] ?? 0, block);
    if (pieces) segment.pieces = pieces;
    else if (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") {
      const points = quotedEscapes(node.value, src.text, (node.range?.[0] ?? 0) + 1, node.type === "QUOTE_DOUBLE");
      if (points) segment.map = { points };
    }
  }
  const decoded = key ? decodeWrapped(key, keyPath, node.value) : undefined;
  if (!decoded) return jsonScalar(node.value, segment, node.type === "BLOCK_LITERAL" || !segment.pieces) ?? [segment];
  // Decoded text has offsets of its own: base64 keeps no character in place, so all of it sits where the value starts.
  const { pieces: _, ...at } = segment;
  return nestedJson(decoded.text, { ...at, singleLine: true, encoded: true }, 0) ?? [{ ...at, text: decoded.text, key: decoded.key, singleLine: true, encoded: true }];
}

/**
 * A JSON document held in a scalar (`last-applied-configuration`, a ConfigMap's `config.json: |`): read as JSON, so
 * its values are named and a Secret's `data` copy is decoded. Its lines are the file's when the scalar keeps them.
 */
function jsonScalar(value: string, at: Segment, keepsLines: boolean): Segment[] | undefined {
  const trimmed = value.trim();
  const first = trimmed.charCodeAt(0);
  const last = trimmed.charCodeAt(trimmed.length - 1);
  if (!keepsLines || trimmed.length < 8 || !((first === 123 && last === 125) || (first === 91 && last === 93))) return undefined;
  const inner = readJson(value, at.line, 1);
  if (!inner) return undefined;
  const outer = at.context?.keyPath ?? "";
  return inner.map((seg) => ({ ...seg, ...(seg.line === at.line ? { column: at.column + seg.column - 1 } : {}), context: { ...seg.context, keyPath: `${outer}>${seg.context?.keyPath ?? ""}` } }));
}

/**
 * A quoted scalar's escapes (`\"`, `\t`, `\u00e9`, `\x41`; `''` in single quotes), as a map from the value back to
 * the file (source-map.ts). Only when the escapes account for the value exactly, ending at its closing quote: a
 * scalar folded over lines has its pieces instead, and anything else keeps the column of its start.
 */
function quotedEscapes(value: string, text: string, from: number, double: boolean): number[] | undefined {
  const quote = double ? '"' : "'";
  const points = [0, from];
  let units = 0;
  let k = from;
  while (units < value.length && k < text.length) {
    const c = text[k];
    if (c === "\n") return undefined;
    if (double && c === "\\") {
      const e = text[k + 1];
      if (e === "\n" || e === "\r") return undefined;
      const width = e === "x" ? 4 : e === "u" ? 6 : e === "U" ? 10 : 2;
      units += e === "U" && parseInt(text.slice(k + 2, k + 10), 16) > 0xffff ? 2 : 1;
      k += width;
    } else if (!double && c === "'" && text[k + 1] === "'") {
      units++;
      k += 2;
    } else {
      units++;
      k++;
      continue;
    }
    points.push(units, k);
  }
  return points.length > 2 && units === value.length && text[k] === quote ? points : undefined;
}

/**
 * A folded (`>`), plain or quoted scalar written over several lines has its line breaks turned into spaces: the value
 * no longer counts the file's lines. Each source line's words are found again in the value, in order, so an offset
 * in the value maps back to the line (and column) it was written on. A line whose text the value does not hold
 * as written (an escape in a quoted scalar) maps to the piece before it.
 */
const FOLD_SLACK = 256;

function foldedPieces(value: string, src: Source, from: number, to: number, block: boolean): Array<[number, number, number]> | undefined {
  const raw = src.text.slice(from, to);
  if (!raw.includes("\n")) return undefined;
  const pieces: Array<[number, number, number]> = [];
  let cursor = 0;
  let at = from;
  const lines = raw.split("\n");
  lines.forEach((line, i) => {
    const lineStart = at;
    at += line.length + 1;
    // A block scalar's header line (`>-`) holds no value; a quoted scalar's first line starts with its quote.
    if (block && i === 0) return;
    let body = line.replace(/\r$/, "");
    let lead = body.length - body.trimStart().length;
    body = body.trim();
    if (i === 0 && /^["']/.test(body)) {
      body = body.slice(1);
      lead++;
    }
    if (i === lines.length - 1) body = body.replace(/["']$/, "");
    if (!body) return;
    // Folding joins lines with one space (a blank line adds a newline): the next line's words start just after the
    // last. The search is bounded, so a long scalar whose lines the value does not hold stays linear.
    const near = value.slice(cursor, cursor + body.length + FOLD_SLACK).indexOf(body);
    if (near === -1) return;
    const found = cursor + near;
    const pos = src.lc.linePos(lineStart + lead);
    pieces.push([found, pos.line, pos.col]);
    cursor = found + body.length;
  });
  return pieces.length > 1 ? pieces : undefined;
}
