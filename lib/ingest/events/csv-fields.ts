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

/** Double quotes in `text`; an odd running total means a CSV quoted field is still open. */
export function countQuotes(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) n++;
  return n;
}
