/** Minimal CSV field handling shared by the CSV parser and pgaudit messages (RFC 4180 quoting). */

/** Splits one CSV record; null when a quoted field never closes. */
export function splitCsv(text: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = "";
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) return null;
        value += text.slice(j, q);
        if (text[q + 1] === '"') {
          value += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      fields.push(value);
      const comma = text.indexOf(",", j);
      if (comma === -1) return fields;
      i = comma + 1;
    } else {
      const comma = text.indexOf(",", i);
      fields.push(comma === -1 ? text.slice(i) : text.slice(i, comma));
      if (comma === -1) return fields;
      i = comma + 1;
    }
  }
}

/**
 * Whether a quoted field is still open at the end of `text` (so the record goes on on the next line), given whether
 * one was open at its start. As in `splitCsv`, a quote opens a field only at the field's start: elsewhere in an
 * unquoted field it is text (`5" wide`), as spreadsheets read it.
 */
export function quoteOpenAfter(text: string, open: boolean): boolean {
  let i = 0;
  let inQuotes = open;
  for (;;) {
    if (inQuotes) {
      const q = text.indexOf('"', i);
      if (q === -1) return true;
      if (text[q + 1] === '"') {
        i = q + 2;
        continue;
      }
      inQuotes = false;
      i = q + 1;
    } else if (text[i] === '"') {
      inQuotes = true;
      i++;
      continue;
    }
    const comma = text.indexOf(",", i);
    if (comma === -1) return false;
    i = comma + 1;
  }
}
