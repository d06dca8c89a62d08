import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from "yaml";
import { ownedFieldName, ownedKeyName } from "../secret-name";
import type { Segment } from "../types";
import { decodeWrapped } from "./encoded";
import { NAME_FIELD, nestedJson, VALUE_FIELD } from "./json";

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
  for (const doc of docs) walk(doc.contents, [], undefined, segments, lineCounter);
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

function walk(node: unknown, path: string[], key: string | undefined, out: Segment[], lc: LineCounter): void {
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

function scalarSegments(node: Node & { value: string; type?: string }, path: string[], key: string | undefined, lc: LineCounter): Segment[] {
  const start = lc.linePos(node.range?.[0] ?? 0);
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
  const decoded = key ? decodeWrapped(key, keyPath, node.value) : undefined;
  if (!decoded) return [segment];
  return nestedJson(decoded.text, { ...segment, singleLine: true }, 0) ?? [{ ...segment, text: decoded.text, key: decoded.key, singleLine: true }];
}
