import { isSecretName, mayNameSecret } from "../secret-name";
import type { Segment } from "../types";
import { type Cell, namedCells } from "./cells";
import { unescapeHtml } from "./html";

/**
 * Credential tables in wiki exports (`| System | Username | Password |`): cells are named as CSV cells are (see
 * namedCells). Only the cells whose name sounds secret are added: the page's text, tables included, is scanned whole.
 */
function secretCells(header: string[], rows: Cell[][]): Segment[] {
  return namedCells(header, rows, 1).filter((s) => s.key !== undefined && s.text.length >= 6 && isSecretName(s.key));
}

/** Trims a cell and its inline-code backticks, keeping the column of what is left. */
function cell(raw: string, line: number, column: number): Cell {
  const lead = raw.length - raw.trimStart().length;
  let text = raw.trim();
  let shift = lead;
  const ticks = /^`+/.exec(text)?.[0].length ?? 0;
  if (ticks && text.endsWith("`".repeat(ticks)) && text.length > ticks * 2) {
    text = text.slice(ticks, -ticks).trim();
    shift += ticks;
  }
  return { text, line, column: column + shift };
}

const isSeparator = (cells: string[]): boolean => cells.length > 0 && cells.every((c) => /^:?-{3,}:?$/.test(c.trim()));

/**
 * Jira and Confluence wiki markup tables (tickets pasted as text): a `||Host||User||Password||` header row, then
 * `|a|b|c|` rows until a line that does not start with `|`. There is no separator row.
 */
export function wikiTables(text: string): Segment[] {
  if (!text.includes("||")) return [];
  const lines = text.split("\n");
  const out: Segment[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = (lines[i] ?? "").trim();
    if (!head.startsWith("||") || !head.endsWith("||") || head.length < 5) continue;
    const header = head.slice(2, -2).split("||").map((h) => h.trim());
    const rows: Cell[][] = [];
    let j = i + 1;
    for (; j < lines.length && /^[ \t]*\|(?!\|)/.test(lines[j] ?? ""); j++) rows.push(splitRow(lines[j] ?? "").map((c) => cell(c.raw, j + 1, c.column)));
    out.push(...secretCells(header, rows));
    i = j - 1;
  }
  return out;
}

/** Cells of a column-aligned line: runs of text parted by two or more blanks, or a tab. */
function alignedCells(line: string, lineNo: number): Cell[] {
  const cells: Cell[] = [];
  let at = 0;
  for (const part of line.replace(/\t/g, "  ").split(/ {2,}/)) {
    const text = part.trim();
    const idx = line.indexOf(text, at);
    if (text) cells.push({ text, line: lineNo, column: idx + 1 });
    at = idx + text.length;
  }
  return cells;
}

const HEADER_WORD = /^[A-Za-z][\w.-]{0,40}$/;

/**
 * Column-aligned tables pasted into chat or a code block (`column -t`, a hand-spaced list):
 * `env    user    password` over rows with as many cells. Only a header of plain words, one of them a secret's name,
 * starts one; a row with another number of cells ends it. Blanks part cells only in twos (`Prod DB  admin  X`).
 */
export function alignedTables(text: string): Segment[] {
  if ((!text.includes("  ") && !text.includes("\t")) || !mayNameSecret(text)) return [];
  const lines = text.split("\n");
  const out: Segment[] = [];
  for (let i = 0; i < lines.length - 1; i++) {
    // Most blank-separated lines are indented code: only one that names a secret can be the header.
    if (!mayNameSecret(lines[i] ?? "")) continue;
    // Slack opens a code block on the table's first line (```` ```env  user ````); it has no language tag.
    const line = (lines[i] ?? "").replace(/^`{3}/, "").replace(/\r$/, "");
    if (!/ {2}|\t/.test(line.trim())) continue;
    const header = alignedCells(line, i + 1).map((c) => c.text);
    if (header.length < 2 || !header.every((h) => HEADER_WORD.test(h)) || !header.some(isSecretName)) continue;
    const rows: Cell[][] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const row = alignedCells((lines[j] ?? "").replace(/`{3}$/, "").replace(/\r$/, ""), j + 1);
      if (row.length !== header.length) break;
      rows.push(row);
    }
    out.push(...secretCells(header, rows));
    i = j - 1;
  }
  return out;
}

/** Markdown (GFM) tables: a header row, a `|---|` row, then body rows until a line without `|`. */
export function markdownTables(text: string): Segment[] {
  if (!text.includes("|-") && !text.includes("| -") && !text.includes("|:-")) return [];
  const lines = text.split("\n");
  const out: Segment[] = [];
  for (let i = 1; i < lines.length; i++) {
    const sep = splitRow(lines[i] ?? "");
    if (!isSeparator(sep.map((c) => c.raw))) continue;
    const header = splitRow(lines[i - 1] ?? "").map((c) => c.raw.trim());
    const rows: Cell[][] = [];
    let j = i + 1;
    for (; j < lines.length && (lines[j] ?? "").includes("|"); j++) rows.push(splitRow(lines[j] ?? "").map((c) => cell(c.raw, j + 1, c.column)));
    out.push(...secretCells(header, rows));
    i = j;
  }
  return out;
}

/** A reply's or a blockquote's markers (`> | host | pass |`, `> > |…`): quoting, not a cell. */
const QUOTE_MARKS = /^(?:[ \t]{0,3}>)+/;

function splitRow(line: string): Array<{ raw: string; column: number }> {
  const body = line.replace(/\r$/, "");
  const cells: Array<{ raw: string; column: number }> = [];
  let from = QUOTE_MARKS.exec(body)?.[0].length ?? 0;
  const trimmed = body.slice(from).trimStart();
  if (trimmed.startsWith("|")) from = body.length - trimmed.length + 1;
  for (let at = from; at <= body.length; ) {
    let bar = body.indexOf("|", at);
    // `\|` is a pipe inside a cell.
    while (bar > 0 && body[bar - 1] === "\\") bar = body.indexOf("|", bar + 1);
    const end = bar === -1 ? body.length : bar;
    const raw = body.slice(at, end);
    if (bar !== -1 || raw.trim()) cells.push({ raw, column: at + 1 });
    if (bar === -1) break;
    at = bar + 1;
  }
  return cells;
}

const ROW_START = /<tr[\s>]/gi;
const CELL_START = /<t([dh])[\s>]/gi;
const CLOSE = /<\/t[rdh]>/gi;
const CLOSE_ROW = /<\/tr>/gi;

/** Offset of the next match of `pattern` at or after `from`, or -1: one forward search, no backtracking. */
function next(pattern: RegExp, text: string, from: number): RegExpExecArray | null {
  pattern.lastIndex = from;
  return pattern.exec(text);
}

/** Cells of one `<tr>…</tr>`, found by forward searches only (unclosed tags cost nothing extra). */
function rowCells(row: string, base: number): Array<{ th: boolean; text: string; at: number }> {
  const cells: Array<{ th: boolean; text: string; at: number }> = [];
  for (let c = next(CELL_START, row, 0); c; c = next(CELL_START, row, CELL_START.lastIndex)) {
    const open = row.indexOf(">", c.index);
    if (open === -1) break;
    const close = next(CLOSE, row, open + 1);
    const inner = row.slice(open + 1, close ? close.index : row.length);
    const plain = unescapeHtml(inner.replace(/<[^<>]{0,4000}>/g, " ")).text.trim();
    // Where the value starts, past wrapping tags (`<p><code>…`): for its column; its line is what matters.
    const offset = plain ? inner.indexOf(plain.slice(0, 8)) : -1;
    cells.push({ th: c[1]?.toLowerCase() === "h", text: plain, at: base + open + 1 + Math.max(0, offset) });
    if (!close) break;
    CELL_START.lastIndex = close.index;
  }
  return cells;
}

/** HTML tables (Confluence, Notion HTML exports): the first all-`<th>` row names the columns of the rows after it. */
export function htmlTables(text: string): Segment[] {
  if (!/<th[\s>]/i.test(text)) return [];
  const out: Segment[] = [];
  let header: string[] | undefined;
  // Line bookkeeping moves forward only (cells come in order), so one long line costs one pass.
  let line = 1;
  let lineStart = 0;
  let nextNl = text.indexOf("\n");
  const locate = (offset: number): { line: number; column: number } => {
    while (nextNl !== -1 && nextNl < offset) {
      line++;
      lineStart = nextNl + 1;
      nextNl = text.indexOf("\n", lineStart);
    }
    return { line, column: offset - lineStart + 1 };
  };
  for (let r = next(ROW_START, text, 0); r; r = next(ROW_START, text, ROW_START.lastIndex)) {
    const close = next(CLOSE_ROW, text, r.index);
    const end = close ? close.index : text.length;
    const cells = rowCells(text.slice(r.index, end), r.index);
    ROW_START.lastIndex = end;
    if (cells.length && cells.every((c) => c.th)) {
      header = cells.map((c) => c.text);
      continue;
    }
    if (!header) continue;
    const row = cells.map((c) => ({ text: c.text.replace(/^`|`$/g, ""), ...locate(c.at) }));
    out.push(...secretCells(header, [row]));
  }
  return out;
}

/** Vault CLI output (`vault kv get`, `vault read`, `vault token create`): a `Key  Value` header over `---  -----`. */
const KV_HEADER = /^[ \t]*Key[ \t]{2,}Value[ \t]*\r?\n[ \t]*-{3}[ \t]{2,}-{5}[ \t]*\r?$/gm;
const KV_ROW = /^([ \t]*)([^\s]{1,100})([ \t]{2,})([^\s].{0,2047}?)[ \t]*\r?$/;

/** Each row of a Key/Value table whose key sounds secret becomes a value named by its key. */
export function keyValueTables(text: string): Segment[] {
  if (!text.includes("-----")) return [];
  const out: Segment[] = [];
  // Line bookkeeping moves forward only: `line` is the line of offset `pos`.
  let line = 1;
  let pos = 0;
  KV_HEADER.lastIndex = 0;
  for (let m = KV_HEADER.exec(text); m; m = KV_HEADER.exec(text)) {
    const headerEnd = m.index + m[0].length;
    for (let i = text.indexOf("\n", pos); i !== -1 && i < headerEnd; i = text.indexOf("\n", i + 1)) line++;
    pos = headerEnd;
    let rowLine = line + 1;
    let at = headerEnd + 1;
    while (at < text.length) {
      const nl = text.indexOf("\n", at);
      const end = nl === -1 ? text.length : nl;
      const row = KV_ROW.exec(text.slice(at, end));
      if (!row) break;
      const name = row[2] ?? "";
      if (isSecretName(name)) out.push({ text: row[4] ?? "", line: rowLine, column: (row[1] ?? "").length + name.length + (row[3] ?? "").length + 1, singleLine: true, key: name });
      rowLine++;
      at = end + 1;
    }
    KV_HEADER.lastIndex = Math.max(KV_HEADER.lastIndex, at);
  }
  return out;
}

/** Every table a text may hold, whatever its markup: Markdown, Jira/Confluence wiki, column-aligned. */
export function textTables(text: string): Segment[] {
  return [...markdownTables(text), ...wikiTables(text), ...alignedTables(text)];
}
