import { assignmentIsSecret } from "./assignment";
import { passwordHit } from "./command-line";
import type { Detector } from "./spec";

/**
 * Passwords passed by position to a call whose signature says "user, then password": .NET `NetworkCredential`,
 * Java `PasswordAuthentication`, Apache `UsernamePasswordCredentials`, Python `HTTPBasicAuth` / `auth=(user, pw)`,
 * Go `SetBasicAuth`, `smtplib`/`ftplib` `.login(user, pw)`, Guzzle `'auth' => [user, pw]`, PHP `CURLOPT_USERPWD`,
 * PowerShell `ConvertTo-SecureString "pw" -AsPlainText`. Only a quoted literal counts; a variable is not a secret.
 */

const VALUE = `[^\\s"'\`]{6,256}`;
/** The first (user) argument: a string literal or a plain expression (`user`, `cfg.User`, `os.environ["U"]`). */
const ARG = `(?:"[^"\\n]{0,128}"|'[^'\\n]{0,128}'|[\\w$.]{1,80}(?:\\[[^\\]\\n]{0,80}\\])?)`;
const CALL = new RegExp(
  `(?:NetworkCredential|PasswordAuthentication|UsernamePasswordCredentials|BasicAuth|DigestAuth|basic_auth|\\.login)[ \\t]{0,3}\\(` +
    `\\s{0,40}${ARG}[ \\t]{0,3},\\s{0,40}@?(["'])(${VALUE})\\1`,
  "gi",
);
/** `auth=("user", "pw")`, `session.auth = (…)`, `'auth' => ['user', 'pw']`. */
const AUTH_PAIR = new RegExp(`(?<![\\w-])["']?auth["']?[ \\t]{0,3}(?:=>|=)[ \\t]{0,3}[([]\\s{0,40}${ARG}[ \\t]{0,3},\\s{0,40}(["'])(${VALUE})\\1`, "gi");
/** `curl_setopt($ch, CURLOPT_USERPWD, "user:pw")`. */
const USERPWD = new RegExp(`CURLOPT_USERPWD[ \\t]{0,3},[ \\t]{0,3}(["'])[^"':\\s]{1,64}:(${VALUE})\\1`, "g");
/** `ConvertTo-SecureString "pw" -AsPlainText -Force` (flags before or after) and `"pw" | ConvertTo-SecureString -AsPlainText`. */
const SECURE_STRING = new RegExp(
  `ConvertTo-SecureString((?:[ \\t]{1,3}-(?:AsPlainText|Force|String)(?::\\$true)?){0,3})[ \\t]{1,3}(["'])([^"'\\r\\n]{6,256})\\2((?:[ \\t]{1,3}-(?:AsPlainText|Force)){0,2})`,
  "gi",
);
const PIPED_SECURE_STRING = /(["'])([^"'\r\n]{6,256})\1[ \t]{0,3}\|[ \t]{0,3}ConvertTo-SecureString([^\r\n|;]{0,80})/gi;

interface Match {
  value: string;
  start: number;
}

function* captures(pattern: RegExp, window: string, group: number, accept: (m: RegExpExecArray) => boolean = () => true): Generator<Match> {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(window); m; m = pattern.exec(window)) {
    const value = m[group] ?? "";
    // Only flags follow the value, and a flag is never a password: its last occurrence is the value itself.
    if (accept(m)) yield { value, start: m.index + m[0].lastIndexOf(value) };
  }
}

export const callArgumentPasswordDetector: Detector = {
  id: "call-argument-password",
  provider: "generic",
  kind: "password",
  title: "Password passed by position to a credential call",
  severity: "high",
  keywords: [
    "networkcredential", "passwordauthentication(", "usernamepasswordcredentials(", "basicauth(", "digestauth(", "basic_auth(", ".login(",
    "auth=(", "auth = (", "auth=[", "auth' =>", 'auth" =>', "curlopt_userpwd", "convertto-securestring",
  ],
  scope: "token",
  before: 300,
  after: 400,
  patterns: [CALL, AUTH_PAIR, USERPWD, SECURE_STRING, PIPED_SECURE_STRING],
  *find(window) {
    const plain = (m: RegExpExecArray) => /-AsPlainText/i.test(`${m[1] ?? ""} ${m[4] ?? ""}`);
    const piped = (m: RegExpExecArray) => /-AsPlainText/i.test(m[3] ?? "");
    const found = [
      ...captures(CALL, window, 2),
      ...captures(AUTH_PAIR, window, 2),
      ...captures(USERPWD, window, 2),
      ...captures(SECURE_STRING, window, 3, plain),
      ...captures(PIPED_SECURE_STRING, window, 2, piped),
    ];
    for (const { value, start } of found) if (assignmentIsSecret("password", value)) yield passwordHit(start, value);
  },
};
