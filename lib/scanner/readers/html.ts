import { isSecretName } from "../secret-name";
import { chain, type Mapped, type MappedText, replaceMapped } from "../source-map";
import type { Segment } from "../types";
import { htmlTables } from "./tables";

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", "#39": "'" };
const ENTITY = /&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6}|#39);/gi;

/** Entities decoded; each decoded character stands where its entity starts. */
export function unescapeHtml(text: string): Mapped {
  // A search for one character is far cheaper than a pattern over the whole text.
  if (!text.includes("&")) return { text, points: [] };
  return replaceMapped(text, ENTITY, (m, out) => {
    const lower = (m[1] ?? "").toLowerCase();
    if (lower.startsWith("#x")) out.put(String.fromCodePoint(parseInt(lower.slice(2), 16) || 32), m.index);
    else if (lower.startsWith("#")) out.put(String.fromCodePoint(Number(lower.slice(1)) || 32), m.index);
    else if (NAMED[lower] !== undefined) out.put(NAMED[lower], m.index);
    else out.keep(m.index, m.index + m[0].length);
  });
}

const CDATA = /<!\[CDATA\[|\]\]>/g;
/** CDATA markers removed: a Confluence storage body, a code macro inside it. */
export const openCdata = (text: string): Mapped => (text.includes("<![CDATA[") ? replaceMapped(text, CDATA, () => {}) : { text, points: [] });

const CELL_BREAK = /<\/t[dh]>\s*<t[dh][^>]*>/gi;
const STYLE = /<style[^>]*>[\s\S]*?<\/style>/gi;
const INLINE_CODE = /<(code|kbd|samp|tt)(?:\s[^<>]{0,200})?>([^<>\n]{1,300})<\/\1>/gi;
const TAG = /<[^<>]{0,4000}>/g;

/**
 * HTML pages and Confluence/Notion exports: tags removed (newlines kept, so lines stay true), entities decoded,
 * CDATA code blocks opened, inline code in backticks, and table cells joined as `name: value` so a credentials table
 * reads like config. Inline scripts stay (they are code, where keys get pasted); style sheets go. A tag leaves what
 * it carries that can be a secret: its URLs (`src="…?key=…"`, a webhook in `href`) and its named values
 * (`<input name="api_key" value="…">`, `<meta name="…" content="…">`, `data-api-key="…"`), written as `name="value"`.
 * Every pass keeps its map, so a finding reports the file's column, not the decoded text's.
 */
export function readHtml(text: string): Segment[] {
  const plain = chain(
    text,
    openCdata,
    (t) => replaceMapped(t, CELL_BREAK, (m, out) => out.put(`: ${"\n".repeat(count(m[0]))}`, m.index)),
    (t) => replaceMapped(t, STYLE, (m, out) => out.put("\n".repeat(count(m[0])), m.index)),
    // Inline code marks a literal as Markdown's backticks do ("set temporary password <code>X</code>"): kept as them.
    (t) =>
      replaceMapped(t, INLINE_CODE, (m, out) => {
        const from = m.index + m[0].indexOf(">") + 1;
        const to = from + (m[2] ?? "").length;
        out.put("`", from - 1);
        out.keep(from, to);
        out.put("`", to);
      }),
    (t) => replaceMapped(t, TAG, (m, out) => writeTag(m[0], m.index, out)),
    unescapeHtml,
  );
  const source = { text };
  return [{ text: plain.text, line: 1, column: 1, ...(plain.points.length ? { map: { points: plain.points, source } } : {}) }, ...htmlTables(text)];
}

/** A tag as a space, with the values it carries each mapped to where the tag writes them, and its newlines. */
function writeTag(tag: string, at: number, out: MappedText): void {
  const carried = tag.includes("=") ? tagValues(tag) : [];
  out.put(" ", at);
  for (const { name, value } of carried) {
    if (name) out.put(`${name}="`, at);
    out.keep(at + value.at, at + value.at + value.text.length);
    if (name) out.put('"', at + value.at + value.text.length);
    out.put(" ", at + tag.length - 1);
  }
  out.put("\n".repeat(count(tag)), at + tag.length - 1);
}

const ATTRIBUTE = /([A-Za-z_:][\w:.-]{0,60})\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const URL_ATTRIBUTES = new Set(["href", "src", "action", "data-src", "data-href", "data-url", "poster", "formaction"]);

interface AttributeValue {
  text: string;
  /** Offset of the value's first character in the tag. */
  at: number;
}

/** A tag's URLs, and its named values as `name="value"`: the rest of a tag (classes, styles, ids) is markup. */
function tagValues(tag: string): Array<{ name?: string; value: AttributeValue }> {
  const attributes = new Map<string, AttributeValue>();
  for (const m of tag.matchAll(ATTRIBUTE)) {
    const text = m[2] ?? m[3] ?? "";
    attributes.set(m[1]!.toLowerCase(), { text, at: m.index + m[0].length - 1 - text.length });
  }
  const out: Array<{ name?: string; value: AttributeValue }> = [];
  for (const [name, value] of attributes) {
    if (URL_ATTRIBUTES.has(name) && /^[a-z][a-z0-9+.-]{1,20}:\/\//i.test(value.text)) out.push({ value });
    else if (name.startsWith("data-") && isSecretName(name.slice(5))) out.push({ name: name.slice(5), value });
  }
  const named = attributes.get("name") ?? attributes.get("property");
  const value = attributes.get("value") ?? attributes.get("content");
  if (named?.text && value?.text) out.push({ name: named.text, value });
  return out;
}

function count(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}
