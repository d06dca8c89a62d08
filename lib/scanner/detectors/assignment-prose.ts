import { isMetadataWord } from "../secret-name";

/*
 * How people write a secret after its name in prose and chat, as opposed to config: a few words between the name and
 * its value ("the prod password for billing is X"), a user before it ("user admin, pass X"), "use the token X".
 * The assignment detector tries these after its config grammars.
 */

/** Prose: "the prod password for billing is X", "token for the deploy bot: X" — up to four words in between. */
// "is now X", "is still X"; a value in bold (`**X**`). People's passwords are short: the value's own tests judge length.
const PROSE_VALUE = /[ \t]{0,3}(?:is|was|:|=|->|→)(?:[ \t]{1,3}(?:now|still|currently))?(?:[ \t]{1,3}(?:set|changed|reset|updated)[ \t]{1,3}to)?[ \t]{0,3}["'`]?(?:\*{1,2}(?=[^\s*]))?([^\s"'`,;<>(){}[\]\u0000-\u001f]{8,300})/y;
// A word may be parenthesised ("password (read-only): X"), an aside may be several ("old password (rotated
// 2024-01-10): X"), a file name in backticks ("the password in `compose.yml` is X"), `&` joins two nouns.
const PROSE_WORD = /[ \t]{1,3}(?:(?!is\b|was\b)([A-Za-z][\w'-]{0,20})\)?|\((?!is\b|was\b)([A-Za-z][\w'-]{0,20})(?:[ \t,][^()\n]{0,40})?\)|`[^`\s]{1,40}`|&)/y;

const ARROW = /^[ \t]{0,3}(?:->|→)/;
/** The first word of a parenthesised aside that says when a secret lapses: `(expires Friday)`, `(valid until 5pm)`. */
const EXPIRY_ASIDE = /^(?:expires|expiry|expiring|valid|until|ttl)$/i;

/** Can PROSE_VALUE match at `at`: does `is`, `was`, `:`, `=`, `->` or `→` start after at most three blanks? */
function proseSignAhead(text: string, at: number): boolean {
  let i = at;
  while (i < at + 3 && isBlank(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  return c === 105 || c === 119 || c === 58 || c === 61 || c === 45 || c === 8594;
}

/** The match of PROSE_VALUE after the name's words (up to six), its sign and perhaps "now", or null. */
export function proseValue(text: string, from: number): RegExpExecArray | null {
  let at = from;
  // "staging key -> X": an arrow straight after the name (`:`/`=`/`is` there are the assignment grammar's).
  if (ARROW.test(text.slice(at, at + 5))) {
    PROSE_VALUE.lastIndex = at;
    return PROSE_VALUE.exec(text);
  }
  // "the jumpbox password is now X": AFTER_NAME reads `is X` only; PROSE_VALUE knows `is now|still|currently` and
  // `is set to` ("`ADMIN_PASSWORD` in `config/prod.yaml` is set to X").
  if (proseSignAhead(text, at)) {
    PROSE_VALUE.lastIndex = at;
    const m = PROSE_VALUE.exec(text);
    if (m) return m;
  }
  for (let words = 0; words < 6; words++) {
    PROSE_WORD.lastIndex = at;
    const w = PROSE_WORD.exec(text);
    // `&` joins two nouns ("the wifi & the printer"): it is not one of the words.
    if (w && w[0].charCodeAt(w[0].length - 1) === 38) words--;
    // "the key fingerprint is X", "password hash: X": the word right after the name makes it metadata. An aside
    // about when it lapses ("token (expires Friday): X") is about the token, not another thing.
    if (!w || (words === 0 && isMetadataWord(w[1] ?? w[2] ?? "") && !(w[2] && EXPIRY_ASIDE.test(w[2])))) return null;
    at = PROSE_WORD.lastIndex;
    if (!proseSignAhead(text, at)) continue;
    PROSE_VALUE.lastIndex = at;
    const m = PROSE_VALUE.exec(text);
    if (m) return m;
  }
  return null;
}

const USE_WORDS = ["use", "using", "try"];
const USER_WORDS = ["user", "username", "login"];
const endsWithOneOf = (text: string, i: number, words: readonly string[]): boolean => words.some((w) => wordEndsAt(text, i, w));

/** "user(name)|login NAME," before `i` (the `,`, `;` or `/`): the user, perhaps quoted, perhaps after a sign. */
function userPairBefore(text: string, sep: number): boolean {
  let i = skipBlanksBack(text, sep - 1);
  if (text[i] === "`" || text[i] === "'" || text[i] === '"') i--;
  const userEnd = i;
  for (let c = text.charCodeAt(i); i >= 0 && userEnd - i < 64 && (isWordChar(c) || c === 46 || c === 64 || c === 45); c = text.charCodeAt(--i));
  if (i === userEnd) return false;
  if (text[i] === "`" || text[i] === "'" || text[i] === '"') i--;
  i = skipBlanksBack(text, i);
  if (text[i] === ":" || text[i] === "=") i = skipBlanksBack(text, i - 1);
  return endsWithOneOf(text, i, USER_WORDS);
}

/**
 * Is the name at `start` in one of those places: after `(`, after "use (the|this)", after "user(name)|login NAME,"?
 * Read backwards a character at a time: this runs for most names in prose that have no sign after them.
 */
export function spacedProse(text: string, start: number): boolean {
  const p = text.charCodeAt(start - 1);
  if (p === 40) return true;
  if (!isBlank(p)) return false;
  const i = skipBlanksBack(text, start - 1);
  const c = text.charCodeAt(i);
  if (c === 44 || c === 59 || c === 47) return userPairBefore(text, i);
  // The last letter of use, using, try, the, this.
  const lc = c | 32;
  if (lc !== 101 && lc !== 103 && lc !== 121 && lc !== 115) return false;
  if (endsWithOneOf(text, i, USE_WORDS)) return true;
  const article = wordEndsAt(text, i, "the") ? 3 : wordEndsAt(text, i, "this") ? 4 : 0;
  if (!article) return false;
  const j = skipBlanksBack(text, i - article);
  return j !== i - article && endsWithOneOf(text, j, USE_WORDS);
}

/**
 * A bare `pass` with no sign after it is a password's name only after a user's ("user admin, pass X"); otherwise it
 * is the verb ("Pass `parse_all=True` to `run_tests`").
 */
export function bareVerbPass(text: string, start: number, end: number, name: string): boolean {
  if (!/^pass$/i.test(name) || /^[ \t]*[:=]/.test(text.slice(end, end + 8))) return false;
  return !USER_BEFORE.test(text.slice(Math.max(0, start - 80), start));
}

const USER_BEFORE = /\b(?:user(?:name)?|login|account)\b[^\n]{0,60}$/i;

export function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** Back from `i` over blanks (at most `max`): the index of the character before them. */
export function skipBlanksBack(text: string, i: number, max = 3): number {
  let j = i;
  while (j >= 0 && i - j < max && isBlank(text.charCodeAt(j))) j--;
  return j;
}

/** Is the word `w` (lowercase letters) written, in any case, as a whole word ending at `i`? */
function wordEndsAt(text: string, i: number, w: string): boolean {
  const s = i - w.length + 1;
  if (s < 0) return false;
  for (let k = 0; k < w.length; k++) if ((text.charCodeAt(s + k) | 32) !== w.charCodeAt(k)) return false;
  return s === 0 || !isWordChar(text.charCodeAt(s - 1));
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** The patterns above, for the detector's list (every pattern is checked for linear time). */
export const PROSE_PATTERNS = [PROSE_VALUE, PROSE_WORD, ARROW, EXPIRY_ASIDE, USER_BEFORE];
