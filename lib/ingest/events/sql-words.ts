/**
 * Just enough SQL lexing to classify statements: keywords outside comments, string literals, dollar-quoted
 * bodies and quoted identifiers, split into statements at top-level semicolons. `DELETE` inside
 * `'a string'`, `-- a comment` or a `$$ function body $$` is not a keyword and must not count.
 */
export function sqlStatementWords(sql: string): string[][] {
  const statements: string[][] = [];
  let words: string[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (c === "-" && next === "-") {
      i = skipTo(sql, i, "\n");
    } else if (c === "/" && next === "*") {
      i = skipBlockComment(sql, i);
    } else if (c === "'") {
      i = skipQuoted(sql, i + 1, "'", isEscapeString(sql, i));
    } else if (c === '"') {
      i = skipQuoted(sql, i + 1, '"', false);
    } else if (c === "$") {
      i = skipDollar(sql, i);
    } else if (c === ";") {
      if (words.length > 0) statements.push(words);
      words = [];
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_$]/.test(sql[j] as string)) j++;
      words.push(sql.slice(i, j).toUpperCase());
      i = j;
    } else {
      i++;
    }
  }
  if (words.length > 0) statements.push(words);
  return statements;
}

function skipTo(sql: string, from: number, end: string): number {
  const at = sql.indexOf(end, from);
  return at === -1 ? sql.length : at + end.length;
}

/** PostgreSQL block comments nest. */
function skipBlockComment(sql: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < sql.length) {
    if (sql.startsWith("/*", i)) {
      depth++;
      i += 2;
    } else if (sql.startsWith("*/", i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return i;
}

/** `E'…'` strings take backslash escapes; standard strings and identifiers only doubled quotes. */
function isEscapeString(sql: string, quoteAt: number): boolean {
  const prev = sql[quoteAt - 1];
  return (prev === "E" || prev === "e") && !/[A-Za-z0-9_]/.test(sql[quoteAt - 2] ?? " ");
}

function skipQuoted(sql: string, from: number, quote: string, backslash: boolean): number {
  let i = from;
  while (i < sql.length) {
    const c = sql[i];
    if (backslash && c === "\\") {
      i += 2;
    } else if (c === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return i;
}

/** `$tag$ … $tag$`; a lone `$1` parameter is just skipped. */
function skipDollar(sql: string, from: number): number {
  const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(from, from + 64));
  if (!m) return from + 1;
  const tag = m[0];
  return skipTo(sql, from + tag.length, tag);
}
