import type { DetectorHit } from "../types";
import { assignmentIsSecret } from "./assignment";
import type { Detector } from "./spec";
import { findAtReads } from "./steps";

/**
 * Passwords on a command line with no name beside them: the command and its flag say what the word is
 * (`mysql -pPW`, `sshpass -p PW`, `redis-cli -a PW`, `sqlplus user/PW@db`). Shell histories, runbooks, CI logs
 * and agent transcripts are full of them. `--password PW` / `--password=PW` are left to the generic detector,
 * which reads any `--secret-name value` flag.
 */

interface CommandRule {
  /** Flags whose value is glued on (`-pPW`): for mysql a spaced `-p` prompts, and the next word is the database. */
  attached?: readonly string[];
  /** Flags whose value is the next word (`-p PW`). */
  spaced?: readonly string[];
  /** Only after this first argument (`docker login`, `az login`). */
  subcommand?: string;
  /** Where the password is a positional argument: picks it from the non-flag words. */
  positional?: (args: Word[], flags: string) => Word | undefined;
  /** The flag's value is `user<split>password` (Samba's `-U user%password`): the password follows the first one. */
  split?: string;
}

const MYSQL: CommandRule = { attached: ["-p"] };
const MONGO: CommandRule = { spaced: ["-p"] };
const LDAP: CommandRule = { spaced: ["-w"] };
const LOGIN: CommandRule = { subcommand: "login", spaced: ["-p"] };
const KEYTOOL: CommandRule = { spaced: ["-storepass", "-keypass", "-srcstorepass", "-deststorepass", "-srckeypass", "-destkeypass"] };
/** Oracle `user/password@db`: the first word that is not a flag. */
const ORACLE: CommandRule = {
  positional: (args) => {
    const w = args[0];
    const m = w && /^([A-Za-z][\w$#]{0,63})\/([^/@\s]{6,128})(?:@\S*)?$/.exec(w.value);
    return w && m ? { value: m[2] ?? "", start: w.start + (m[1] ?? "").length + 1 } : undefined;
  },
};

/** Samba tools: `-U user%password`, `-U 'DOMAIN/user%password'`, `--user=user%password`. */
const SAMBA: CommandRule = { spaced: ["-U", "--user"], attached: ["-U", "--user="], split: "%" };

/** The word after a Windows share path that is not a `/switch` nor `*` (prompt): `net use [Z:] \\host\share PW`. */
function afterShare(args: Word[]): Word | undefined {
  const share = args.findIndex((w) => w.value.startsWith("\\\\"));
  return share === -1 ? undefined : args.slice(share + 1).find((w) => !w.value.startsWith("/") && w.value !== "*");
}

/**
 * Windows `net use \\host\share PW /user:x`, `net user NAME PW /add`; Samba `net ads join -U admin%PW`.
 * Windows switches start with `/`, so they stay among the positional words and are skipped by shape.
 */
const NET: CommandRule = {
  ...SAMBA,
  positional: (args) => {
    if (args[0]?.value === "use") return afterShare(args);
    const pw = args[0]?.value === "user" ? args[2] : undefined;
    return pw && !pw.value.startsWith("/") && pw.value !== "*" ? pw : undefined;
  },
};

/** MinIO client: `mc alias set NAME URL ACCESS SECRET`, and the older `mc config host add NAME URL ACCESS SECRET`. */
const MINIO: CommandRule = {
  positional: (args) => {
    const [a, b, c] = args.map((w) => w.value);
    if (a === "alias" && b === "set") return args[5];
    return a === "config" && b === "host" && c === "add" ? args[6] : undefined;
  },
};

const RULES: Record<string, CommandRule> = {
  mysql: MYSQL, mysqldump: MYSQL, mysqladmin: MYSQL, mysqlimport: MYSQL, mysqlcheck: MYSQL, mysqlpump: MYSQL, mysqlsh: MYSQL,
  mariadb: MYSQL, "mariadb-dump": MYSQL, "mariadb-admin": MYSQL,
  sshpass: { attached: ["-p"], spaced: ["-p"] },
  "redis-cli": { spaced: ["-a", "--pass"] },
  docker: LOGIN, podman: LOGIN, nerdctl: LOGIN, buildah: LOGIN, skopeo: LOGIN, az: { subcommand: "login", spaced: ["-p"] },
  sqlcmd: { attached: ["-P"], spaced: ["-P"] },
  mongo: MONGO, mongosh: MONGO, mongodump: MONGO, mongorestore: MONGO, mongoexport: MONGO, mongoimport: MONGO,
  ldapsearch: LDAP, ldapmodify: LDAP, ldapadd: LDAP, ldapdelete: LDAP, ldapwhoami: LDAP, ldappasswd: LDAP, ldapcompare: LDAP,
  keytool: KEYTOOL, jarsigner: KEYTOOL,
  zip: { spaced: ["-P"] }, unzip: { spaced: ["-P"] }, "7z": { attached: ["-p"] }, "7za": { attached: ["-p"] },
  sqlplus: ORACLE, expdp: ORACLE, impdp: ORACLE, sqlldr: ORACLE,
  rabbitmqctl: { positional: (args) => (/^(?:add_user|change_password)$/.test(args[0]?.value ?? "") ? args[2] : undefined) },
  // `htpasswd -b file user PW`, `htpasswd -nb user PW`: batch mode takes the password as the last word.
  htpasswd: { positional: (args, flags) => (/b/.test(flags) ? args[/n/.test(flags) ? 1 : 2] : undefined) },
  smbclient: SAMBA, rpcclient: SAMBA, smbget: SAMBA, smbcacls: SAMBA, smbmap: SAMBA, winexe: SAMBA, net: NET,
  mc: MINIO,
};

/** One shell word: its unquoted value and where that value starts in the text. */
interface Word {
  value: string;
  start: number;
  /** `-p"PW"`: a quoted part glued to the word. */
  glued?: Word;
}

const WORD_CHAR = /[^\s;|&)`"'<>]/;
/** How far a command's arguments are read, continuation lines included. */
const REACH = 600;

/** The words of a command from `from` to the end of the command (newline, `;`, `|`, `&`, `)`), `\`-continued. */
function words(text: string, from: number): Word[] {
  const out: Word[] = [];
  const limit = Math.min(text.length, from + REACH);
  let i = from;
  while (i < limit) {
    const c = text[i] ?? "";
    if (c === " " || c === "\t") i++;
    else if (c === "\\" && (text[i + 1] === "\n" || (text[i + 1] === "\r" && text[i + 2] === "\n"))) i += text[i + 1] === "\n" ? 2 : 3;
    else if (c === '"' || c === "'") {
      const q = quoted(text, i, limit);
      if (!q) break;
      out.push(q);
      i = q.start + q.value.length + 1;
    } else if (WORD_CHAR.test(c)) {
      let j = i;
      while (j < limit && WORD_CHAR.test(text[j] ?? "")) j++;
      const word: Word = { value: text.slice(i, j), start: i };
      const g = text[j] === '"' || text[j] === "'" ? quoted(text, j, limit) : undefined;
      if (g) word.glued = g;
      out.push(word);
      i = g ? g.start + g.value.length + 1 : j;
    } else break;
  }
  return out;
}

const NEXT_ELEMENT = /[ \t]*,\s{0,40}(?=["'])/y;

/**
 * The arguments of a command written as a vector in code (`["sshpass", "-p", PW]`, `exec.Command("mysql", "-pPW")`,
 * `ProcessBuilder("sqlcmd", "-P", PW)`): the quoted strings after the command word's closing quote, comma by comma,
 * up to the first element that is not a literal.
 */
function vectorWords(text: string, closingQuote: number): Word[] {
  const out: Word[] = [];
  const limit = Math.min(text.length, closingQuote + REACH);
  for (let i = closingQuote + 1; i < limit; ) {
    NEXT_ELEMENT.lastIndex = i;
    if (!NEXT_ELEMENT.test(text)) break;
    const q = quoted(text, NEXT_ELEMENT.lastIndex, limit);
    if (!q) break;
    out.push(q);
    i = q.start + q.value.length + 1;
  }
  return out;
}

/** Where a word (or the quoted part glued to it) ends in the text. */
function wordEnd(w: Word): number {
  return w.glued ? w.glued.start + w.glued.value.length + 1 : w.start + w.value.length;
}

function quoted(text: string, at: number, limit: number): Word | undefined {
  const q = text[at] ?? "";
  // Up to `limit` only: an unclosed quote must not send each hit's search to the end of the text.
  let close = at + 1;
  while (close < limit && text[close] !== q) close++;
  findAtReads.chars += close - at;
  if (close >= limit) return undefined;
  const value = text.slice(at + 1, close);
  return value.includes("\n") ? undefined : { value, start: at + 1 };
}

/** The password word a rule points at among a command's arguments. */
function passwordWord(rule: CommandRule, args: Word[]): Word | undefined {
  let rest = args;
  if (rule.subcommand) {
    if (args[0]?.value !== rule.subcommand) return undefined;
    rest = args.slice(1);
  }
  if (rule.positional) {
    const flags = rest.filter((w) => w.value.startsWith("-")).map((w) => w.value.slice(1)).join("");
    const word = rule.positional(rest.filter((w) => !w.value.startsWith("-")), flags);
    if (word || !rule.spaced) return word;
  }
  const word = flaggedWord(rule, rest);
  if (!word || !rule.split) return word;
  const at = word.value.indexOf(rule.split);
  return at === -1 ? undefined : { value: word.value.slice(at + 1), start: word.start + at + 1 };
}

/** The value of the rule's password flag, spaced (`-p PW`, `-p"PW"`) or attached (`-pPW`). */
function flaggedWord(rule: CommandRule, rest: Word[]): Word | undefined {
  for (let k = 0; k < rest.length; k++) {
    const w = rest[k] as Word;
    if (rule.spaced?.includes(w.value)) {
      if (w.glued) return w.glued;
      const next = rest[k + 1];
      if (next && !next.value.startsWith("-")) return next;
    }
    for (const flag of rule.attached ?? []) {
      if (!w.value.startsWith(flag) || w.value.startsWith(`${flag}-`)) continue;
      if (w.value === flag && w.glued) return w.glued;
      if (w.value.length > flag.length) return { value: w.value.slice(flag.length), start: w.start + flag.length };
    }
  }
  return undefined;
}

/** Is `at` where a command word begins: line start, a separator, a quote (a JSON string), a path's `/`, `CMD=`? */
function commandStart(text: string, at: number): boolean {
  const before = text[at - 1];
  return before === undefined || /[\s;|&(`"'/=]/.test(before);
}

const COMMAND_KEYWORDS = [
  "mysql", "mariadb", "sshpass", "redis-cli", "docker", "podman", "nerdctl", "buildah", "skopeo", "az login", "sqlcmd", "mongo", "ldap",
  "keytool", "jarsigner", "zip", "7z", "sqlplus", "expdp", "impdp", "sqlldr", "rabbitmqctl", "htpasswd",
  "smbclient", "rpcclient", "smbget", "smbcacls", "smbmap", "winexe", "net use", "net user", "net ads", "net rpc", "mc alias", "mc config",
];

export const commandLinePasswordDetector: Detector = {
  id: "command-line-password",
  provider: "generic",
  kind: "password",
  title: "Password given to a command-line tool",
  severity: "high",
  keywords: COMMAND_KEYWORDS,
  scope: "token",
  before: 0,
  after: 0,
  patterns: [WORD_CHAR, NEXT_ELEMENT],
  *findAt(text, hits) {
    let after = -1;
    // How far each rule's last command read its arguments. A flag rule's command word among them (`mysql mysql -p…`)
    // has those same arguments after it, already searched: reading them again per hit made long runs quadratic-ish.
    const readTo = new Map<CommandRule, number>();
    for (const hit of hits) {
      if (hit < after) continue;
      // The keyword may sit inside the command word (`unzip`): the word is read from its own start.
      let start = hit;
      while (start > 0 && start > hit - 8 && /[\w-]/.test(text[start - 1] ?? "")) start--;
      if (!commandStart(text, start)) continue;
      let end = hit;
      while (end < text.length && end - start < 24 && /[\w-]/.test(text[end] ?? "")) end++;
      const rule = RULES[text.slice(start, end)];
      // `"mysql", "-pPW"`: the command word is a quoted element of an argument vector.
      const inVector = (text[start - 1] === '"' || text[start - 1] === "'") && text[end] === text[start - 1];
      if (!rule || !(inVector || text[end] === " " || text[end] === "\t")) continue;
      if (!rule.positional && start < (readTo.get(rule) ?? -1)) continue;
      const args = inVector ? vectorWords(text, end) : words(text, end);
      const last = args[args.length - 1];
      readTo.set(rule, last ? wordEnd(last) : end);
      const word = passwordWord(rule, args);
      if (!word) continue;
      const value = word.value.replace(/\\[nrt].*$/, "");
      if (!assignmentIsSecret("password", value)) continue;
      after = word.start + value.length;
      yield passwordHit(word.start, value);
    }
  },
  find: () => [],
};

export function passwordHit(start: number, secret: string): DetectorHit {
  return { start, end: start + secret.length, secret, confidence: "medium", kind: "password", details: { name: "password" } };
}
