import { isSecretName } from "../secret-name";
import type { Segment } from "../types";

export interface Cell {
  text: string;
  line: number;
  column: number;
}

/** Headers under which a row's identifier cell, not the header, names the value (`Variable | Value`). */
const VALUE_COLUMN = /^(?:value|val|secret|password|token|key|credential|content|data)s?$/i;
const IDENTIFIER = /^[A-Za-z_][\w.-]{2,60}$/;

/** A header as a name the assignment grammar reads whole: `API Key (prod)` → `API_Key_prod`. */
const asName = (header: string): string => header.trim().replace(/[^\w.-]+/g, "_").replace(/^_+|_+$/g, "");

/**
 * Table rows (CSV, Markdown, HTML) as named values, so a bare random password in a `Password` column reads like
 * `Password=…`: a cell is named by its column header, or — under a generic header such as `Value`, or with no
 * header — by the identifier cell in its row that sounds secret (`DB_PASSWORD`). `header` is undefined when the
 * first row is data; `firstRow` is the index of `rows[0]` in the table, for the key path.
 */
export function namedCells(header: string[] | undefined, rows: Cell[][], firstRow = 0): Segment[] {
  const names = header?.map(asName);
  const segments: Segment[] = [];
  rows.forEach((row, r) => {
    const nameCell = row.find((c) => IDENTIFIER.test(c.text) && isSecretName(c.text));
    row.forEach((cell, i) => {
      if (!cell.text) return;
      const column = names?.[i] || undefined;
      const generic = column === undefined || VALUE_COLUMN.test(column);
      const key = nameCell && nameCell !== cell && generic ? nameCell.text : column;
      const segment: Segment = { text: cell.text, line: cell.line, column: cell.column, singleLine: !cell.text.includes("\n") };
      if (key) Object.assign(segment, { key, context: { keyPath: `[${firstRow + r}].${key}` } });
      segments.push(segment);
    });
  });
  return segments;
}

/** Cells as text with no name: a header row. */
export function plainCells(row: Cell[]): Segment[] {
  return row.filter((c) => c.text).map((c) => ({ text: c.text, line: c.line, column: c.column, singleLine: !c.text.includes("\n") }));
}
