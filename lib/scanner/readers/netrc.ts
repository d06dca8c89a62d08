import type { Segment } from "../types";

/** `password VALUE` (and `passwd`, `account`) in a whitespace-separated `.netrc`: tokens, not `name = value` lines. */
const SECRET_TOKEN = /(?:^|\s)(password|passwd|account)[ \t\r\n]+([^\s]{1,2048})/g;

/**
 * `.netrc` / `_netrc` (curl, git, ftp, Heroku's CLI): the whole file as text, plus each password token as a value
 * named `password`, so that a bare random password or a Heroku UUID is read for what its position says it is.
 */
export function readNetrc(text: string): Segment[] {
  const segments: Segment[] = [{ text, line: 1, column: 1 }];
  let line = 1;
  let lineStart = 0;
  // The next newline not yet counted; found once, so a file that is one long line stays linear.
  let nextNl = text.indexOf("\n");
  SECRET_TOKEN.lastIndex = 0;
  for (let m = SECRET_TOKEN.exec(text); m; m = SECRET_TOKEN.exec(text)) {
    const value = m[2] ?? "";
    const at = m.index + m[0].length - value.length;
    while (nextNl !== -1 && nextNl < at) {
      line++;
      lineStart = nextNl + 1;
      nextNl = text.indexOf("\n", lineStart);
    }
    segments.push({ text: value, line, column: at - lineStart + 1, singleLine: true, key: m[1] === "account" ? "account_password" : "password" });
  }
  return segments;
}

/** `hostname:port:database:username:password` (`\:` escapes a colon); `#` starts a comment line. */
const PGPASS_LINE = /^(?:[^:\n\\]|\\.){1,255}:(?:[^:\n\\]|\\.){1,16}:(?:[^:\n\\]|\\.){1,255}:(?:[^:\n\\]|\\.){1,255}:([^\n]{1,2048})$/;

/**
 * `.pgpass` / `pgpass.conf` (libpq's password file): the whole file as text, plus each line's last field as a value
 * named `password`; the file has no `=` or keyword beside the password.
 */
export function readPgpass(text: string): Segment[] {
  const segments: Segment[] = [{ text, line: 1, column: 1 }];
  text.split("\n").forEach((raw, i) => {
    const line = raw.replace(/\r$/, "");
    if (line.startsWith("#")) return;
    const m = PGPASS_LINE.exec(line);
    const value = m?.[1];
    if (value === undefined) return;
    segments.push({ text: value, line: i + 1, column: line.length - value.length + 1, singleLine: true, key: "password" });
  });
  return segments;
}
