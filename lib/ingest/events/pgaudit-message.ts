import { splitCsv } from "./csv-fields";
import { normalizeOffset } from "./timestamps";

export type AuditRecord = {
  auditType: string;
  statementId: number;
  substatementId: number;
  auditClass: string;
  command: string;
  objectType: string;
  objectName: string;
  statement: string;
  parameter: string;
};

/**
 * pgaudit writes `<not logged>` when statements are not logged and, with `pgaudit.log_statement_once`,
 * `<previously logged>` for every entry of a statement after its first: the command field then classifies it.
 */
export const NO_STATEMENT: ReadonlySet<string> = new Set(["", "<not logged>", "<previously logged>"]);

/**
 * Parses the pgaudit message `AUDIT: <type>,<stmt id>,<substmt id>,<class>,<command>,<object type>,
 * <object name>,<statement>,<parameter>` (fields are CSV: quoted when they hold commas, quotes or newlines).
 * Newer pgaudit versions may add a rows field; the statement is always the eighth field.
 */
export function parseAuditMessage(message: string): { record: AuditRecord } | { field: string; reason: string } {
  const fields = splitCsv(message.slice("AUDIT: ".length));
  if (fields === null) return { field: "statement", reason: "quoted field is not closed (truncated entry?)" };
  if (fields.length < 8) return { field: "AUDIT", reason: `expected at least 8 comma-separated fields, found ${fields.length}` };
  type Fields = [string, string, string, string, string, string, string, string, string?];
  const [auditType, stmt, substmt, auditClass, command, objectType, objectName, statement, parameter] = fields as Fields;
  if (auditType !== "SESSION" && auditType !== "OBJECT") return { field: "audit_type", reason: "must be SESSION or OBJECT" };
  if (!/^\d+$/.test(stmt)) return { field: "statement_id", reason: "must be a whole number" };
  if (!/^\d+$/.test(substmt)) return { field: "substatement_id", reason: "must be a whole number" };
  if (command === "") return { field: "command", reason: "required field is empty" };
  return {
    record: {
      auditType,
      statementId: Number(stmt),
      substatementId: Number(substmt),
      auditClass,
      command,
      objectType,
      objectName,
      statement,
      parameter: parameter ?? "",
    },
  };
}

/**
 * The statement's tokens that can hold a quote: comments and quoted identifiers (kept as they are, so a quote inside
 * them does not throw the literals out of step), escape strings (E'…'), standard strings and dollar-quoted strings,
 * each string with the `PASSWORD` or `password =` in front of it, if any.
 */
const SQL_QUOTED =
  /--[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"]|"")*"|(\bPASSWORD\s*(?:=\s*)?)?(?:((?<![\w$])[Ee]'(?:[^'\\]|''|\\[\s\S])*')|'((?:[^']|'')*)'|\$((?:[A-Za-z_]\w*)?)\$([\s\S]*?)\$\4\$)/gi;
/** libpq connection strings: `password=…` (bare, or quoted; \' and \\ escape) and `scheme://user:password@host`. */
const CONNINFO_PASSWORD = /(\bpassword\s*=\s*)(?:'(?:[^'\\]|\\[\s\S])*'|(?:[^\s'\\]|\\[\s\S])+)/gi;
const URI_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:)[^\s@/]+(?=@)/gi;

/**
 * Passwords must never be stored or shown: the literal of `CREATE/ALTER ROLE … PASSWORD '…'` (or `password = '…'`),
 * and the password of a connection string inside a literal (`CREATE SUBSCRIPTION … CONNECTION '…'`, which pgaudit's
 * DDL class logs, or `dblink_connect`). The statement is kept for classification and evidence with them replaced.
 */
export function redactSqlSecrets(statement: string): string {
  if (!/password|:\/\//i.test(statement)) return statement;
  return statement.replace(SQL_QUOTED, (token, password?: string, escape?: string, standard?: string, tag?: string, body?: string) => {
    if (password !== undefined) return `${password}'[redacted]'`;
    // An escape string (E'…') is read as written: its backslash escapes stay inside the value a password=… takes.
    if (escape !== undefined) return `${escape.slice(0, 2)}${redactConnectionString(escape.slice(2, -1))}'`;
    if (standard !== undefined) {
      const text = standard.replace(/''/g, "'");
      const redacted = redactConnectionString(text);
      return redacted === text ? token : `'${redacted.replace(/'/g, "''")}'`;
    }
    // A dollar-quoted string is a function body (SQL with literals of its own) or the connection string itself.
    if (body !== undefined) return `$${tag}$${redactConnectionString(redactSqlSecrets(body))}$${tag}$`;
    return token;
  });
}

function redactConnectionString(text: string): string {
  return text.replace(CONNINFO_PASSWORD, "$1[redacted]").replace(URI_PASSWORD, "$1[redacted]");
}

/** Offsets for zone abbreviations that name one offset unambiguously; admins may add their own. */
export const defaultTimeZoneAbbreviations: Readonly<Record<string, string>> = {
  UTC: "+00:00",
  GMT: "+00:00",
  Z: "+00:00",
  EST: "-05:00",
  EDT: "-04:00",
  PST: "-08:00",
  PDT: "-07:00",
  MST: "-07:00",
  MDT: "-06:00",
  CET: "+01:00",
  CEST: "+02:00",
  EET: "+02:00",
  EEST: "+03:00",
  JST: "+09:00",
  AEST: "+10:00",
  AEDT: "+11:00",
};

/** `2026-11-25 19:21:15.123 UTC` (%m / %t / %s) or `1764098475.123` (%n) → ISO with offset, or why not. */
export function pgTimestampToIso(value: string, abbreviations: Readonly<Record<string, string>>): { iso: string } | { reason: string } {
  if (/^\d+(\.\d+)?$/.test(value)) return { iso: new Date(Math.round(Number(value) * 1000)).toISOString() };
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?: ?(\S+))?$/.exec(value);
  if (!m) return { reason: "not a PostgreSQL log timestamp" };
  const [, date, time, zone] = m;
  if (zone === undefined) return { reason: "timestamp has no time zone (log_line_prefix timestamps need log_timezone shown)" };
  const offset = /^[+-]/.test(zone) ? normalizeOffset(zone) : (abbreviations[zone.toUpperCase()] ?? null);
  if (offset === null) return { reason: `time zone "${zone}" is ambiguous or unknown; configure its offset` };
  return { iso: `${date}T${time}${offset}` };
}
