import type { TextLine } from "./text-decode";

/**
 * RFC 4180 records over numbered lines, written for precise row errors rather than leniency: a stray quote,
 * text after a closing quote, a quote never closed, invalid UTF-8 or an over-long record each reject exactly
 * the record they occur in (named by the line it starts on) and parsing resumes with the next line.
 * csv-parse stops at the first malformed quote, and cannot say which line held invalid bytes.
 */

export type CsvRow =
  | { line: number; cells: string[] }
  | { line: number; error: { reason: string; cell?: number } };

type Pending = {
  startLine: number;
  cells: string[];
  cell: string;
  inQuotes: boolean;
  afterQuote: boolean;
  atCellStart: boolean;
  chars: number;
  error?: { reason: string; cell?: number };
};

const fresh = (startLine: number): Pending => ({
  startLine, cells: [], cell: "", inQuotes: false, afterQuote: false, atCellStart: true, chars: 0,
});

/** Structural errors name the cell they occur in; line-wide ones (encoding, length) do not. */
function fail(p: Pending, reason: string, inCell = true): void {
  p.error ??= inCell ? { reason, cell: p.cells.length } : { reason };
}

/** Consumes one line of text into the pending record. */
function scanLine(p: Pending, text: string): void {
  let i = 0;
  while (i < text.length) {
    if (p.inQuotes) {
      const q = text.indexOf('"', i);
      if (q === -1) { p.cell += text.slice(i); return; }
      p.cell += text.slice(i, q);
      if (text[q + 1] === '"') { p.cell += '"'; i = q + 2; continue; }
      p.inQuotes = false;
      p.afterQuote = true;
      i = q + 1;
      continue;
    }
    const c = text[i];
    if (c === ",") {
      p.cells.push(p.cell);
      p.cell = "";
      p.afterQuote = false;
      p.atCellStart = true;
      i++;
    } else if (p.afterQuote) {
      return fail(p, "text after a closing quote (quote the whole cell and double inner quotes)");
    } else if (c === '"') {
      if (!p.atCellStart) return fail(p, "quote inside an unquoted cell (quote the whole cell and double inner quotes)");
      p.inQuotes = true;
      p.atCellStart = false;
      i++;
    } else {
      const next = nextSpecial(text, i);
      p.cell += text.slice(i, next);
      p.atCellStart = false;
      i = next;
    }
  }
}

function nextSpecial(text: string, from: number): number {
  const comma = text.indexOf(",", from);
  const quote = text.indexOf('"', from);
  const ends = [comma, quote].filter((n) => n !== -1);
  return ends.length ? Math.min(...ends) : text.length;
}

function finish(p: Pending): CsvRow {
  if (p.error) return { line: p.startLine, error: p.error };
  return { line: p.startLine, cells: [...p.cells, p.cell] };
}

export async function* readCsvRows(lines: AsyncIterable<TextLine>, maxRecordChars: number): AsyncGenerator<CsvRow> {
  let p: Pending | undefined;
  for await (const { line, text, problem } of lines) {
    if (!p) {
      if (text === "" && !problem) continue; // blank lines between records carry nothing
      // Fast path: a line with no quotes that starts a record is a whole record.
      if (!problem && !text.includes('"')) {
        yield text.length > maxRecordChars ? tooLong(line, maxRecordChars) : { line, cells: text.split(",") };
        continue;
      }
      p = fresh(line);
    }
    if (problem === "too_long") {
      fail(p, `line ${line} is longer than ${maxRecordChars} characters`, false);
      yield finish(p);
      p = undefined;
      continue;
    }
    if (problem === "encoding") fail(p, `invalid UTF-8 on line ${line} (save the file as UTF-8)`, false);
    scanLine(p, text);
    p.chars += text.length;
    if (p.inQuotes && p.chars > maxRecordChars) {
      // Resynchronise on the next line: an unclosed quote must not swallow the rest of a 100 MB file.
      p.error = { reason: `record longer than ${maxRecordChars} characters (unclosed quote?)` };
      yield finish(p);
      p = undefined;
    } else if (p.inQuotes) {
      p.cell += "\n";
    } else {
      yield finish(p);
      p = undefined;
    }
  }
  if (p) yield { line: p.startLine, error: { reason: `quote opened on line ${p.startLine} is never closed` } };
}

function tooLong(line: number, max: number): CsvRow {
  return { line, error: { reason: `record longer than ${max} characters` } };
}
