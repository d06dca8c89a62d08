/**
 * Compiles a PostgreSQL `log_line_prefix` into a matcher. Escapes follow the PostgreSQL documentation of
 * log_line_prefix; `%q` makes the rest optional (it is omitted for non-session processes) and `%-10u`-style
 * padding is tolerated. Values are captured by escape letter.
 */
export type PrefixFields = Partial<Record<PrefixEscape, string>>;
export type PrefixEscape = "a" | "u" | "d" | "r" | "h" | "L" | "b" | "p" | "P" | "t" | "m" | "n" | "i" | "e" | "c" | "l" | "s" | "v" | "x" | "Q";

/** A timestamp with an optional zone, so a missing zone is reported rather than failing the whole match. */
const TIME = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?: [A-Za-z][A-Za-z0-9/_+-]*|[ ]?[+-]\d{2}(?::?\d{2})?)?`;

const PATTERNS: Record<PrefixEscape, string> = {
  a: ".*?",
  u: ".*?",
  d: ".*?",
  r: ".*?",
  h: ".*?",
  // PostgreSQL 18+: the server address the client connected to.
  L: ".*?",
  b: ".*?",
  i: ".*?",
  p: String.raw`\d+`,
  P: String.raw`\d*`,
  t: TIME,
  m: TIME.replace(String.raw`:\d{2}(?:`, String.raw`:\d{2}(?:\.\d{1,6})?(?:`),
  n: String.raw`\d+(?:\.\d+)?`,
  e: "[0-9A-Z]{5}",
  c: "[0-9a-f]+\\.[0-9a-f]+",
  l: String.raw`\d+`,
  s: TIME,
  v: "[0-9]*/?[0-9]*",
  x: String.raw`\d+`,
  Q: String.raw`-?\d+`,
};

export type CompiledPrefix = {
  /** Matches prefix + `SEVERITY:  ` at the start of a line; the message follows the match. */
  regex: RegExp;
  escapes: PrefixEscape[];
  hasTime: boolean;
};

export function compileLogLinePrefix(prefix: string): CompiledPrefix {
  const escapes: PrefixEscape[] = [];
  let body = "";
  let optionalTail = false;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i] as string;
    if (c !== "%") {
      body += escapeLiteral(c);
      continue;
    }
    const m = /^(-?\d+)?([A-Za-z%])/.exec(prefix.slice(i + 1));
    if (!m) {
      body += "%";
      continue;
    }
    i += m[0].length;
    const letter = m[2] as string;
    const padded = m[1] !== undefined;
    if (letter === "%") {
      body += "%";
    } else if (letter === "q") {
      body += "(?:";
      optionalTail = true;
    } else if (letter in PATTERNS) {
      escapes.push(letter as PrefixEscape);
      const group = `(${PATTERNS[letter as PrefixEscape]})`;
      body += padded ? ` *${group} *` : group;
    } else {
      throw new Error(`log_line_prefix escape %${letter} is not supported`);
    }
  }
  if (optionalTail) body += ")?";
  return {
    regex: new RegExp(`^${body}([A-Z0-9]+):  ?`),
    escapes,
    hasTime: escapes.some((e) => e === "m" || e === "t" || e === "n"),
  };
}

function escapeLiteral(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** Longest prefix we try to match; keeps lazy groups from scanning a 10 MB continuation line. */
const MATCH_WINDOW = 4096;

export function matchPrefix(compiled: CompiledPrefix, line: string): { fields: PrefixFields; severity: string; message: string } | null {
  const m = compiled.regex.exec(line.length > MATCH_WINDOW ? line.slice(0, MATCH_WINDOW) : line);
  if (!m) return null;
  const fields: PrefixFields = {};
  compiled.escapes.forEach((escape, i) => {
    const value = m[i + 1];
    if (value !== undefined && value !== "" && fields[escape] === undefined) fields[escape] = value;
  });
  return { fields, severity: m[compiled.escapes.length + 1] ?? "LOG", message: line.slice(m[0].length) };
}
