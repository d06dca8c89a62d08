import { describe, expect, test } from "vitest";
import { uuid } from "../../bench/scanner/fakes";
import { ALPHABETS, Rng } from "../../bench/scanner/prng";
import { describePlanted, type PlantedCase } from "./planted-cases";
import { scanContent } from "./scan-file";
import { isPasswordName, isSecretName, mayNameSecret } from "./secret-name";

/**
 * Blind probe of generic (no provider prefix) secrets: passwords and keys in the syntaxes config, scripts and source
 * use. Each case is a miss the probe found; values are assembled at run time from their own seeded generator.
 */
const KEY = "generic-probe-key";
const gr = new Rng(9007);
const pick = (s: string, n = 1): string => gr.chars(s, n);
const lower = (n: number): string => pick(ALPHABETS.lower ?? "", n);
const upper = (): string => pick(ALPHABETS.upper ?? "");
const digit = (): string => pick(ALPHABETS.digits ?? "");
const WORDS = ["harbor", "velvet", "falcon", "copper", "meadow", "lantern", "granite", "willow"];
const cap = (w: string): string => `${w.charAt(0).toUpperCase()}${w.slice(1)}`;
/** Upper, lower and one digit over 8-10 characters, then `.` and a letter: a generated password with a dot. */
const dotted = (): string => `${upper()}${lower(3)}${upper()}${lower(2)}${digit()}${upper()}.${lower(1)}`;
/** A person's password ending in a symbol a regex of "usual" symbols left out. */
const person = (end: string): string => `${cap(gr.pick(WORDS))}${gr.pick(WORDS)}${gr.int(70, 99)}${end}`;
/** All four classes, one letter three times (`vec4#Ge9#e`): a Shannon entropy under 2.75 bits. */
const repeats = (): string => {
  const [a, b, c] = [lower(1), "q", "z"];
  return `${a}${b}${c}${gr.int(2, 5)}#${upper()}${b}${gr.int(6, 9)}#${b}`;
};
/** One upper-case letter then a six-letter lower-case run, with a digit and a symbol (`yAhbeiv0@n`): "wordy" by chance. */
const longRun = (): string => `${lower(1)}${upper()}${lower(6)}${digit()}@${lower(1)}`;
/** A weak password someone set: a word and a number (not reported: see the decoys). */
const weak = (): string => `${gr.pick(["admin", "orders", "deploy", "postgres", "billing"])}${gr.int(10, 999)}`;
const welcome = (): string => `${cap(gr.pick(WORDS))}${digit()}`;

const CASES: PlantedCase[] = [
  { name: "a dotted password, quoted in code, is a string, not member access", path: "src/db.js", build: () => { const s = dotted(); return { text: `const dbPassword = '${s}';`, secret: s }; } },
  { name: "a quoted lower-case dotted password is a string too", path: "src/config.ts", build: () => { const s = `${lower(2)}${digit()}${lower(3)}${gr.int(10, 99)}.${lower(1)}`; return { text: `export const db = { user: 'orders', password: '${s}' };`, secret: s }; } },
  { name: "a dotted password unquoted in .netrc", path: ".netrc", build: () => { const s = dotted(); return { text: `machine git.corp.example login deploy password ${s}`, secret: s }; } },
  { name: "a dotted password in a YAML scalar", path: "compose.yaml", build: () => { const s = dotted(); return { text: `services:\n  db:\n    environment:\n      MYSQL_ROOT_PASSWORD: "${s}"`, secret: s }; } },
  { name: "a person's password ending in `+`", path: "gradle.properties", build: () => { const s = person("+"); return { text: `nexusUsername=deploy\nnexusPassword=${s}`, secret: s }; } },
  { name: "a person's password ending in `^` in a connection string", path: "web.config", build: () => { const s = person("^"); return { text: `<add name="Default" connectionString="Server=sql01;Database=Orders;User Id=app;Password=${s};" />`, secret: s }; } },
  { name: "a person's password ending in `=` in chat", path: "exports/ops.txt", build: () => { const s = person("="); return { text: `[09:43] tom: pw is ${s} — user default`, secret: s }; } },
  { name: "a short four-class password that repeats a letter", path: "run-local.sh", build: () => { const s = repeats(); return { text: `docker run -d -e DB_HOST=db -e DB_PASSWORD=${s} registry.corp/api:1.4.2`, secret: s }; } },
  { name: "a four-class password with a long letter run", path: "config/app.xml", build: () => { const s = longRun(); return { text: `<database>\n  <user>billing</user>\n  <password>${s}</password>\n</database>`, secret: s }; } },
  { name: "a Python bytes literal: app.secret_key = b\"…\"", path: "app/__init__.py", build: () => { const s = pick(ALPHABETS.hex ?? "", 64); return { text: `app = Flask(__name__)\napp.secret_key = b"${s}"`, secret: s }; } },
  { name: "a Nexus npm token in .npmrc names its kind and is a secret", path: ".npmrc", build: () => { const s = `NpmToken.${uuid(gr)}`; return { text: `registry=https://nexus.corp.example/repository/npm/\n//nexus.corp.example/repository/npm/:_authToken=${s}`, secret: s }; } },
  { name: "a person's password in .git-credentials", path: ".git-credentials", build: () => { const s = `${cap(gr.pick(WORDS))}88!`; return { text: `https://deploy-bot:${s}@git.corp.example`, secret: s }; } },
  // A word with a doubled letter and a doubled digit: a word's entropy, so only the person's-password shape finds it.
  { name: "a person's password ending in `+` in a URL", path: "pip.conf", build: () => { const s = `${gr.pick(["Harbor", "Copper"])}88+`; return { text: `[global]\nindex-url = https://pypi-reader:${s}@nexus.corp.example/repository/pypi/simple`, secret: s }; } },
  { name: "a password under a dotted `.pass` name", path: "mail.properties", build: () => { const s = `${upper()}${upper()}${pick(ALPHABETS.b62 ?? "", 12)}${pick(ALPHABETS.digits ?? "", 4)}`; return { text: `mail.host=smtp.corp.example\nmail.pass=${s}`, secret: s }; } },
];

describePlanted("generic probe: the exact secret on its line", CASES, KEY);

/** The edges of the rules above: words with a number that name things or are samples, and quoted key paths. */
const DECOYS: Array<[string, string, () => string]> = [
  ["algorithm and charset names under password names", "config/db.yml", () => `password: sha256\nadmin_password: utf8mb4\npassword: latin1`],
  ["sample passwords of docs", "docs/setup.md", () => `DB_PASSWORD=MyPass123\npassword: Demo1234\npassword: Example2024\nPASSWORD=YourPass1\npassword: dummy123`],
  ["the word password in leetspeak and keyboard runs", "compose.yaml", () => `environment:\n  - SA_PASSWORD=P@ssw0rd1\n  - MYSQL_PASSWORD=qwerty123`],
  ["a quoted key path without digits", "config/app.json", () => JSON.stringify({ database: { password: "settings.database.main" } })],
  // Local defaults and docs' logins: a word and a short number is no generator's output (see looksRandom).
  ["a word and a number under password names", "docker-compose.yml", () => `environment:\n  - POSTGRES_PASSWORD=${weak()}\n  - DB_PASSWORD=${welcome()}\n  - MYSQL_PASSWORD=admin123`],
  // A check's message under a `pass` key (axe-core's locales): prose, structured or quoted in code.
  ["a sentence under a password's name in a locale file", "locales/sv.json", () => JSON.stringify({ "aria-label": { pass: "aria-label-attributet finns och är inte tomt" } }, null, 2)],
  ["a quoted sentence under a password's name in code", "src/messages.js", () => `export const checks = { pass: "aria-labelledby-attributet finns och refererar till element" };`],
  ["mysql -p with no value prompts", "scripts/restore.sh", () => "mysql -u root -p -h db.internal shop < dump.sql"],
  ["words after pass that are not a password's name", "ci.yml", () => `bypass: ${upper()}${pick(ALPHABETS.b62 ?? "", 14)}${digit()}\ncompass: ${upper()}${pick(ALPHABETS.b62 ?? "", 14)}${digit()}`],
];

describe("generic probe: decoys stay quiet", () => {
  test.each(DECOYS)("%s", (_name, path, build) => {
    expect(scanContent(path, build(), { fingerprintKey: KEY }).map((f) => `${f.detector}@${f.line}`)).toEqual([]);
  });
});

test.each([
  ["DB_PASSWORD", true], ["passwd", true], ["pwd", true], ["passphrase", true], ["SMTP_PASS", true], ["mail.pass", true], ["smtp-pass", true],
  ["db_pw", true], ["pass", true], ["bypass", false], ["compass", false], ["api_key", false], ["token", false],
] as const)("isPasswordName(%s) is %s: one spelling for every caller", (name, expected) => {
  expect(isPasswordName(name)).toBe(expected);
  if (expected) expect(isSecretName(name)).toBe(true);
});

test.each(["DB_PASSWORD", "pwd", "db_pw", "SMTP_PASS", "api_key", "apiKey", "access-key", "client_secret", "GITHUB_TOKEN", "credentials", "hmacKey", "key", "passphrase"])(
  "%s is a secret's name, and the cheap first test lets it through",
  (name) => {
    expect(isSecretName(name)).toBe(true);
    expect(mayNameSecret(`user  ${name}  host`)).toBe(true);
  },
);
