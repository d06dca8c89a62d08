import { isSecretName } from "../secret-name";
import type { Segment } from "../types";
import { htmlTables } from "./tables";

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", "#39": "'" };

export function unescapeHtml(text: string): string {
  // A search for one character is far cheaper than a pattern over the whole text.
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6}|#39);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith("#x")) return String.fromCodePoint(parseInt(lower.slice(2), 16) || 32);
    if (lower.startsWith("#")) return String.fromCodePoint(Number(lower.slice(1)) || 32);
    return NAMED[lower] ?? whole;
  });
}

/**
 * HTML pages and Confluence/Notion exports: tags removed (newlines kept, so lines stay true), entities decoded,
 * CDATA code blocks opened, inline code in backticks, and table cells joined as `name: value` so a credentials table
 * reads like config. Inline scripts stay (they are code, where keys get pasted); style sheets go. A tag leaves what
 * it carries that can be a secret: its URLs (`src="…?key=…"`, a webhook in `href`) and its named values
 * (`<input name="api_key" value="…">`, `<meta name="…" content="…">`, `data-api-key="…"`), written as `name="value"`.
 */
export function readHtml(text: string): Segment[] {
  const plain = text
    .replace(/<!\[CDATA\[|\]\]>/g, "")
    .replace(/<\/t[dh]>\s*<t[dh][^>]*>/gi, (m) => `: ${"\n".repeat(count(m))}`)
    .replace(/<style[^>]*>[\s\S]*?<\/style>/gi, (m) => "\n".repeat(count(m)))
    // Inline code marks a literal as Markdown's backticks do ("set temporary password <code>X</code>"): kept as them.
    .replace(/<(code|kbd|samp|tt)(?:\s[^<>]{0,200})?>([^<>\n]{1,300})<\/\1>/gi, (_m, _tag, literal: string) => `\`${literal}\``)
    .replace(/<[^<>]{0,4000}>/g, (m) => {
      const carried = m.includes("=") ? tagValues(m) : "";
      return `${carried ? ` ${carried} ` : " "}${"\n".repeat(count(m))}`;
    });
  return [{ text: unescapeHtml(plain), line: 1, column: 1 }, ...htmlTables(text)];
}

const ATTRIBUTE = /([A-Za-z_:][\w:.-]{0,60})\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const URL_ATTRIBUTES = new Set(["href", "src", "action", "data-src", "data-href", "data-url", "poster", "formaction"]);

/** A tag's URLs, and its named values as `name="value"`: the rest of a tag (classes, styles, ids) is markup. */
function tagValues(tag: string): string {
  const attributes = new Map<string, string>();
  for (const m of tag.matchAll(ATTRIBUTE)) attributes.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? "");
  const out: string[] = [];
  for (const [name, value] of attributes) {
    if (URL_ATTRIBUTES.has(name) && /^[a-z][a-z0-9+.-]{1,20}:\/\//i.test(value)) out.push(value);
    else if (name.startsWith("data-") && isSecretName(name.slice(5))) out.push(`${name.slice(5)}="${value}"`);
  }
  const named = attributes.get("name") ?? attributes.get("property");
  const value = attributes.get("value") ?? attributes.get("content");
  if (named && value) out.push(`${named}="${value}"`);
  return out.join(" ");
}

function count(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}
