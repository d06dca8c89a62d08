import { describe, expect, test } from "vitest";
import { ALPHABETS, Rng } from "../../bench/scanner/prng";
import { describePlanted, type PlantedCase } from "./planted-cases";
import { scanContent } from "./scan-file";

/**
 * Blind probe of secrets in people's prose (Slack, wiki pages, tickets, email, runbooks): how the sentence around a
 * value says it is a credential. Each case is a miss the probe found; values come from a seeded generator.
 */
const KEY = "prose-probe-key";
const gr = new Rng(4242);
const pick = (alphabet: string | undefined, n: number): string => gr.chars(alphabet ?? "", n);
/** A generated password: upper, lower, digit and a symbol, then mixed characters. */
const password = (symbol = "#", n = 12): string => `${pick(ALPHABETS.upper, 1)}${pick(ALPHABETS.lower, 1)}${pick(ALPHABETS.digits, 1)}${symbol}${pick(ALPHABETS.b62, n)}`;
/** An opaque API token with no provider prefix. */
const token = (): string => pick(ALPHABETS.b62, 32);
const slackDay = (text: string): string => `[\n  ${JSON.stringify({ type: "message", user: "U024BE7LH", text, ts: "1709546404.953757" })}\n]\n`;

const CASES: PlantedCase[] = [
  { name: "`is now` between a password's name and its value", path: "notes/staging.md", build: () => { const s = password(); return { text: `the jumpbox password is now ${s} (changed it this morning)`, secret: s }; } },
  { name: "an aside on when a token lapses: `token (expires Friday): X`", path: "linear/ENG-12.md", build: () => { const s = token(); return { text: `token (expires Friday): ${s}`, secret: s }; } },
  { name: "a login pair after an arrow: `creds → deploy / X`", path: "confluence/OPS/db.html", build: () => { const s = password("^"); return { text: `<p>creds → deploy / ${s}</p>`, secret: s }; } },
  { name: "a login pair parted by a blank after `creds:`", path: "jira/OPS-1.txt", build: () => { const s = password("%"); return { text: `bastion creds: deploy ${s}`, secret: s }; } },
  { name: "`user admin, pass X`", path: "email/thread-1.eml", build: () => { const s = password("?"); return { text: `Subject: access\n\nuser admin, pass ${s}`, secret: s }; } },
  { name: "the value before its role: `use X as the bearer`", path: "runbooks/partner.md", build: () => { const s = token(); return { text: `just use ${s} as the bearer token for now`, secret: s }; } },
  { name: "`pass X in the Authorization header`", path: "slack/ops/2024-03-01.json", build: () => { const s = token(); return { text: slackDay(`pass ${s} in the Authorization header`), secret: s }; } },
  { name: "a key emoji names the value, a `*` inside it kept", path: "notion/Access 1f2e.md", build: () => { const s = password("*"); return { text: `🔑 ${s}`, secret: s }; } },
  { name: "Slack's `:key:` shortcode", path: "slack/ops/2024-03-02.json", build: () => { const s = password("@"); return { text: slackDay(`:key: ${s} :pray:`), secret: s }; } },
  { name: "a password's name, a blank, a generated value", path: "notion/Ops 9a8b.md", build: () => { const s = password("!"); return { text: `see [the wiki](https://wiki.example.com/ops) — db password ${s}`, secret: s }; } },
  { name: "a password that starts with a dot is no path", path: "email/thread-2.eml", build: () => { const s = `.${password("*")}`; return { text: `Subject: Re: jenkins\n\n> the jenkins password is ${s}`, secret: s }; } },
  { name: "a Markdown table quoted in a reply", path: "email/thread-3.eml", build: () => { const s = password("="); return { text: `Subject: Re: accounts\n\nthanks!\n\n> | env | user | password |\n> | --- | --- | --- |\n> | dev | app | ${s} |`, secret: s }; } },
  { name: "a Jira wiki table (`||h||` header, no separator row)", path: "jira/OPS-2.txt", build: () => { const s = password("+"); return { text: `h2. Accounts\n||env||user||password||\n|prod|admin|${s}|`, secret: s }; } },
  { name: "a column-aligned table in a Slack code block", path: "slack/ops/2024-03-03.json", build: () => { const s = password("$"); return { text: slackDay(`Accounts:\n\`\`\`env    user    password\nprod    deploy    ${s}\`\`\``), secret: s }; } },
  { name: "a column-aligned table in a runbook's fence", path: "runbooks/restore.md", build: () => { const s = password("#"); return { text: `## Accounts\n\n\`\`\`\nhost\tuser\tpassword\ndb-1\tadmin\t${s}\n\`\`\``, secret: s }; } },
];

describePlanted("prose probe: the exact secret on its line", CASES, KEY);

/** The edges of the rules above: the same places holding words, placeholders, digests and pointers. */
const DECOYS: Array<[string, string, () => string]> = [
  ["a spaced pair without `creds:` is a sentence", "notes/a.md", () => "credentials for staging2024x are in the vault"],
  ["words with a number after a password's name", "notes/b.md", () => "reset your password 2FA-enabled\nPassword Manager2024 is great\nthe password policy v2.1-Beta3"],
  ["placeholders and digests in the role's place", "notes/c.md", () => `use <your token> as the bearer\nuse sha256:${pick(ALPHABETS.hex, 64)} as the token\nuse YOUR_API_KEY as the bearer`],
  ["a key emoji before words or a pointer", "slack/ops/2024-03-04.json", () => slackDay(":key: Access to the staging cluster\n🔑 see 1Password")],
  ["a lapse aside before a placeholder, a hash after the name", "notes/d.md", () => `token (expires Friday): <your token>\nthe token hash (expires Friday): ${pick(ALPHABETS.hex, 40)}`],
  ["aligned CLI output with no secret column, or pointers in one", "runbooks/k8s.md", () => `\`\`\`\nNAME         TYPE     DATA   AGE\napi-tls      kubernetes.io/tls    2      41d\n\`\`\`\n\n\`\`\`\nhost    user    password\ndb-1    admin   (see 1Password)\n\`\`\``],
  ["a Jira table of pointers", "jira/OPS-3.txt", () => "||env||user||password||\n|prod|admin|in Vault at secret/data/prod|"],
];

describe("prose probe: decoys stay quiet", () => {
  test.each(DECOYS)("%s", (_name, path, build) => {
    expect(scanContent(path, build(), { fingerprintKey: KEY }).map((f) => `${f.detector}@${f.line}`)).toEqual([]);
  });
});
