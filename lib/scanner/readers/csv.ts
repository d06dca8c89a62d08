import type { Segment } from "../types";
import { type Cell, namedCells, plainCells } from "./cells";

/**
 * CSV/TSV (Notion database exports, credential reports): each cell is a value named by its column header, so a
 * `password` column is read like `password=…`. Quoted cells may span lines; lines stay true.
 */
export function readCsv(text: string, delimiter = ","): Segment[] {
  const rows = parseRows(text, delimiter);
  const header = rows[0]?.map((c) => c.text.trim()) ?? [];
  const named = header.length > 1 && header.every((h) => h.length > 0 && h.length < 60 && !/^[-+]?\d/.test(h));
  if (!named) return namedCells(undefined, rows);
  // The header row is names, not values (`password_last_used` does not name `access_key_1_last_used_date`): its
  // cells are scanned as plain text; it names the rows after it.
  return [...plainCells(rows[0] ?? []), ...namedCells(header, rows.slice(1), 1)];
}

function parseRows(text: string, delimiter: string): Cell[][] {
  const rows: Cell[][] = [];
  let cells: Cell[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  while (i <= text.length) {
    const startLine = line;
    const column = i - lineStart + 1;
    let value = "";
    if (text[i] === '"') {
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === '"' && text[j + 1] === '"') {
          value += '"';
          j++;
        } else if (text[j] === '"') break;
        else {
          if (text[j] === "\n") {
            line++;
            lineStart = j + 1;
          }
          value += text[j];
        }
      }
      i = j + 1;
      while (i < text.length && text[i] !== delimiter && text[i] !== "\n") i++;
    } else {
      let j = i;
      while (j < text.length && text[j] !== delimiter && text[j] !== "\n") j++;
      value = text.slice(i, j).replace(/\r$/, "");
      i = j;
    }
    cells.push({ text: value, line: startLine, column });
    if (i >= text.length || text[i] === "\n") {
      rows.push(cells);
      cells = [];
      line++;
      lineStart = i + 1;
    }
    i++;
  }
  return rows;
}
