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
 * Confluence/Notion HTML exports: tags removed (newlines kept, so lines stay true), entities decoded,
 * CDATA code blocks opened, and table cells joined as `name: value` so a credentials table reads like config.
 */
export function readHtml(text: string): Segment[] {
  const plain = text
    .replace(/<!\[CDATA\[|\]\]>/g, "")
    .replace(/<\/t[dh]>\s*<t[dh][^>]*>/gi, (m) => `: ${"\n".repeat(count(m))}`)
    .replace(/<(?:script|style)[^>]*>[\s\S]*?<\/(?:script|style)>/gi, (m) => "\n".repeat(count(m)))
    .replace(/<[^<>]{0,4000}>/g, (m) => (count(m) ? "\n".repeat(count(m)) : " "));
  return [{ text: unescapeHtml(plain), line: 1, column: 1 }, ...htmlTables(text)];
}

function count(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}
