import { chain, type Mapped, replaceMapped, type SourceMap } from "../source-map";
import type { Segment } from "../types";
import { decodeWrapped } from "./encoded";

/**
 * `.env`, TOML, INI and properties files: `[export] KEY=value` with quotes, escaped newlines and `[sections]`.
 * Each value becomes a segment carrying its name; anything else (comments, prose) is scanned as text.
 */
const ASSIGN = /^(\s*(?:export\s+)?)((?:\/\/[^\s=]{1,200}:)?[A-Za-z_][\w.-]*|"[^"]+")(\s*[=:]\s*)(.*)$/;
/** `.npmrc` scopes a setting to a registry: `//registry.example.com/:_authToken=…`; the name is after the colon. */
const REGISTRY_SCOPE = /^\/\/[^\s=]*:/;

export function readEnv(text: string): Segment[] {
  const lines = text.split("\n");
  const segments: Segment[] = [];
  let section = "";
  // Consecutive non-assignment lines (comments, prose) form one text segment: fewer, larger engine calls.
  let block: string[] = [];
  let blockLine = 0;
  const flush = (): void => {
    if (block.length) segments.push({ text: block.join("\n"), line: blockLine, column: 1 });
    block = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? "").replace(/\r$/, "");
    const header = /^\s*\[\[?([^\]]+)\]\]?\s*$/.exec(raw);
    if (header) {
      section = header[1] ?? "";
      continue;
    }
    const m = ASSIGN.exec(raw);
    if (!m || raw.trimStart().startsWith("#")) {
      if (!block.length) blockLine = i + 1;
      block.push(raw);
      continue;
    }
    flush();
    const key = (m[2] ?? "").replace(/^"|"$/g, "").replace(REGISTRY_SCOPE, "");
    const column = (m[1] ?? "").length + (m[2] ?? "").length + (m[3] ?? "").length + 1;
    const parsed = parseValue(m[4] ?? "", lines, i);
    const keyPath = section ? `${section}.${key}` : key;
    // A bare `key` in a section (`[b2]` / `key = …` in rclone.conf) is named by its section.
    const name = key === "key" && section ? `${section}_key` : key;
    // Only npm's own encoded fields: an INI `[data]` section is not a Kubernetes Secret.
    const decoded = key === "_auth" || key === "_password" ? decodeWrapped(key, keyPath, parsed.value) : undefined;
    segments.push({
      text: decoded?.text ?? parsed.value,
      line: i + 1,
      column: column + (parsed.quoted ? 1 : 0),
      singleLine: parsed.escaped || decoded !== undefined,
      ...(parsed.map && !decoded ? { map: parsed.map } : {}),
      // npm's base64 `_auth`: no decoded character sits in the file; the finding points at the encoded value.
      ...(decoded ? { encoded: true } : {}),
      key: decoded?.key ?? name,
      context: { keyPath },
    });
    // A trailing comment may itself hold a secret (`KEY=x # old: …`).
    if (parsed.comment) segments.push({ text: parsed.comment, line: i + 1, column: raw.length - parsed.comment.length + 1 });
    i = parsed.lastLine;
  }
  flush();
  return segments;
}

interface Parsed {
  value: string;
  quoted: boolean;
  escaped: boolean;
  /** Where unescaping shortened the value, back to the quoted text (and its own lines, when it spans several). */
  map?: SourceMap;
  comment: string;
  lastLine: number;
}

function parseValue(rest: string, lines: string[], at: number): Parsed {
  const q = rest[0];
  if (q !== '"' && q !== "'" && q !== "`") {
    const hash = rest.search(/\s#/);
    const value = (hash === -1 ? rest : rest.slice(0, hash)).trim();
    return { value, quoted: false, escaped: false, comment: hash === -1 ? "" : rest.slice(hash), lastLine: at };
  }
  // Quoted values may span lines (PEM keys in .env); `"` values decode `\n`, `'` values stay literal.
  const tripled = rest.startsWith(q.repeat(3));
  const open = tripled ? 3 : 1;
  let body = rest.slice(open);
  let line = at;
  const close = tripled ? q.repeat(3) : q;
  let end = findClose(body, close, q === '"');
  while (end === -1 && line + 1 < lines.length && line - at < 200) {
    line++;
    body += `\n${(lines[line] ?? "").replace(/\r$/, "")}`;
    end = findClose(body, close, q === '"');
  }
  const literal = end === -1 ? body : body.slice(0, end);
  const hasEscapes = q === '"' && /\\[nrt"\\]/.test(literal);
  const value = hasEscapes ? unescapeQuoted(literal) : { text: literal, points: [] };
  const after = end === -1 ? "" : body.slice(end + close.length);
  const hash = after.indexOf("#");
  const map = value.points.length ? { points: value.points, ...(line === at ? {} : { source: { text: literal } }) } : undefined;
  return { value: value.text, quoted: true, escaped: hasEscapes && line === at, ...(map ? { map } : {}), comment: hash === -1 ? "" : after.slice(hash), lastLine: line };
}

/** A double-quoted value's escapes, decoded one kind after another as this reader always has, each kept in the map. */
function unescapeQuoted(literal: string): Mapped {
  return chain(
    literal,
    (t) => replaceMapped(t, /\\n/g, (m, out) => out.put("\n", m.index)),
    (t) => replaceMapped(t, /\\r/g, () => {}),
    (t) => replaceMapped(t, /\\t/g, (m, out) => out.put("\t", m.index)),
    (t) => replaceMapped(t, /\\(["\\])/g, (m, out) => out.keep(m.index + 1, m.index + 2)),
  );
}

function findClose(body: string, close: string, escapes: boolean): number {
  for (let i = 0; i <= body.length - close.length; i++) {
    if (escapes && body[i] === "\\") {
      i++;
      continue;
    }
    if (body.startsWith(close, i)) return i;
  }
  return -1;
}
