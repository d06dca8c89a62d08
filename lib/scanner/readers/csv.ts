import type { Segment } from "../types";

/**
 * CSV/TSV (Notion database exports, credential reports): each cell is a value named by its column header, so a
 * `password` column is read like `password=…`. Quoted cells may span lines; lines stay true.
 */
/** Headers under which a row's identifier cell, not the header, names the value. */
const VALUE_COLUMN = /^(?:value|val|secret|password|token|key|credential|content|data)s?$/i;

export function readCsv(text: string, delimiter = ","): Segment[] {
  const rows = parseRows(text, delimiter);
  const header = rows[0]?.cells.map((c) => c.value.trim()) ?? [];
  const named = header.length > 1 && header.every((h) => h.length > 0 && h.length < 60 && !/^[-+]?\d/.test(h));
  const segments: Segment[] = [];
  rows.forEach((row, r) => {
    // `Variable,Value` tables: the name of a value is the identifier-like cell beside it, not the header.
    const nameCell = row.cells.find((c) => /^[A-Za-z_][\w.-]{2,60}$/.test(c.value) && /secret|token|passw|pwd|key|credential/i.test(c.value));
    row.cells.forEach((cell, i) => {
      if (!cell.value) return;
      const column = named && r > 0 ? header[i] : undefined;
      const generic = column === undefined || VALUE_COLUMN.test(column);
      const key = nameCell && nameCell !== cell && generic ? nameCell.value : column;
      const segment: Segment = { text: cell.value, line: cell.line, column: cell.column, singleLine: !cell.value.includes("\n") };
      if (key) Object.assign(segment, { key, context: { keyPath: `[${r}].${key}` } });
      segments.push(segment);
    });
  });
  return segments;
}

interface Cell {
  value: string;
  line: number;
  column: number;
}

function parseRows(text: string, delimiter: string): Array<{ cells: Cell[] }> {
  const rows: Array<{ cells: Cell[] }> = [];
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
    cells.push({ value, line: startLine, column });
    if (i >= text.length || text[i] === "\n") {
      rows.push({ cells });
      cells = [];
      line++;
      lineStart = i + 1;
    }
    i++;
  }
  return rows;
}
