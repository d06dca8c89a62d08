import { describe, expect, test } from "vitest";
import { fromSpec, TOKEN_SPECS } from "../../bench/scanner/fakes";
import { Rng } from "../../bench/scanner/prng";
import { crc32, withCrc32Base62 } from "./checksum";
import { DETECTORS } from "./detectors";
import { ScanEngine } from "./engine";
import { fingerprintSecret } from "./fingerprint";
import { emptyStats } from "./types";

const engine = new ScanEngine();
const KEY = "detector-test-key";
const scan = (text: string, path = "notes/config.txt") => engine.scanSegment({ text, line: 1, column: 1 }, { path, fingerprintKey: KEY });

describe("detector catalogue", () => {
  test("has at least 120 detectors with unique ids", () => {
    const ids = DETECTORS.map((d) => d.id);
    expect(ids.length).toBeGreaterThanOrEqual(120);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test.each(TOKEN_SPECS.map((s) => [s.id, s] as const))("%s finds a seeded fake of its own shape", (_id, spec) => {
    const rng = new Rng(spec.id.length * 7919);
    const value = fromSpec(spec, rng);
    const name = spec.context ? `${spec.context[0]?.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_VALUE` : "VALUE";
    const findings = scan(`# settings\n${name} = "${value}"\n`);
    const match = findings.find((f) => f.fingerprint === fingerprintSecret(value, KEY));
    expect(match?.line).toBe(2);
    expect(match?.provider).toBe(spec.provider);
    // Boolean, so a failure never prints the value.
    expect(match?.preview.includes(value)).toBe(false);
  });
});

describe("checksums and structure", () => {
  const rng = new Rng(42);
  const random = rng.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 30);
  const prefix = ["gh", "p_"].join("");

  test("a GitHub token with a valid CRC32 checksum is high confidence", () => {
    const [f] = scan(`token: ${prefix}${withCrc32Base62(random)}`);
    expect(f?.details?.checksum).toBe("valid");
    expect(f?.confidence).toBe("high");
  });

  test("a token failing its CRC32 checksum (a docs sample, a hand-made fake) is not a finding", () => {
    const good = withCrc32Base62(random);
    const bad = good.slice(0, -1) + (good.endsWith("A") ? "B" : "A");
    expect(scan(`token: ${prefix}${bad}`)).toEqual([]);
    expect(scan(`token: ${prefix}${good}`)).toHaveLength(1);
  });

  test("an AWS key id beside its secret is one finding carrying the id as publicId", () => {
    const id = `AKIA${rng.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}`;
    const secret = rng.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40);
    const findings = scan(`[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.publicId).toBe(id);
    expect(findings[0]?.fingerprint).toBe(fingerprintSecret(secret, KEY));
    expect(findings[0]?.line).toBe(3);
  });

  test("a JWT is decoded: role and exp are read, a Supabase anon key is public", () => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const sig = rng.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 43);
    const service = `${enc({ alg: "HS256" })}.${enc({ role: "service_role", iss: "supabase", exp: 2000000000 })}.${sig}`;
    const anon = `${enc({ alg: "HS256" })}.${enc({ role: "anon", iss: "supabase", exp: 2000000000 })}.${sig}`;
    const [f] = scan(`key=${service}`);
    expect(f?.detector).toBe("supabase-service-role");
    expect(f?.details).toMatchObject({ role: "service_role", exp: "2033-05-18T03:33:20.000Z", expired: false });
    expect(scan(`SUPABASE_ANON_KEY=${anon}`)).toHaveLength(0);
  });

  test("a connection URL reports the password's fingerprint and a preview without it", () => {
    const pw = rng.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789", 18);
    const [f] = scan(`DATABASE_URL=postgres://app:${pw}@db.internal:5432/app`);
    expect(f?.kind).toBe("db_password");
    expect(f?.fingerprint).toBe(fingerprintSecret(pw, KEY));
    expect(f?.preview).toBe("postgres://app:…@db.internal:5432");
    expect(f?.column).toBe(29);
  });

  test("Railway's bare UUID is found only when its name is beside it", () => {
    const id = [8, 4, 4, 4, 12].map((n) => rng.chars("0123456789abcdef", n)).join("-");
    expect(scan(`RAILWAY_TOKEN=${id}`).map((f) => f.detector)).toEqual(["railway-token"]);
    expect(scan(`request_id=${id}`)).toHaveLength(0);
  });
});

describe("key pairs and public halves", () => {
  const rng = new Rng(2718);
  const b62 = (n: number) => rng.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", n);
  /** Always three character classes, as issued secrets have. */
  const secret24 = () => `${rng.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4)}${rng.chars("abcdefghijklmnopqrstuvwxyz", 4)}${rng.chars("0123456789", 4)}${b62(12)}`;

  test("a Razorpay key secret beside its live key id is one critical finding carrying the id", () => {
    const id = `rzp_live_${b62(14)}`;
    const secret = secret24();
    const findings = scan(`import razorpay\nclient = razorpay.Client(auth=("${id}", "${secret}"))\n`, "billing/pay.py");
    expect(findings.map((f) => [f.detector, f.line, f.severity, f.publicId])).toEqual([["razorpay-key-secret", 2, "critical", id]]);
    expect(findings[0]?.fingerprint).toBe(fingerprintSecret(secret, KEY));
  });

  test("a test-mode Razorpay pair is reported at low severity", () => {
    const secret = secret24();
    const findings = scan(`razorpay:\n  key_id: rzp_test_${b62(14)}\n  key_secret: ${secret}\n`);
    expect(findings.map((f) => [f.detector, f.line, f.severity])).toEqual([["razorpay-key-secret", 3, "low"]]);
  });

  test("a Razorpay key id alone (Checkout puts it in the browser) is not a finding", () => {
    expect(scan(`var options = { key: 'rzp_live_${b62(14)}', amount: 50000, currency: 'INR' };`, "web/checkout.js")).toEqual([]);
  });

  test("PostHog personal keys are found and project keys, public by design, are not", () => {
    const personal = `phx_${b62(47)}`;
    expect(scan(`POSTHOG_PERSONAL_API_KEY=${personal}`).map((f) => [f.detector, f.fingerprint === fingerprintSecret(personal, KEY)])).toEqual([["posthog-personal-key", true]]);
    expect(scan(`POSTHOG_API_KEY=phc_${b62(43)}\nposthog.init('phc_${b62(43)}')`)).toEqual([]);
  });

  test("an Atlassian token's fingerprint covers its =CHECKSUM tail; a Bitbucket app password is found whole", () => {
    const atlassian = `ATCTT3xFfGN0${rng.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 180)}=${rng.chars("0123456789ABCDEF", 8)}`;
    const bitbucket = `ATBB${b62(24)}${rng.chars("0123456789ABCDEF", 8)}`;
    const findings = scan(`curl -H "Authorization: Bearer ${atlassian}" https://api.bitbucket.org/2.0/user\nBITBUCKET_APP_PASSWORD=${bitbucket}`);
    expect(findings.map((f) => [f.detector, f.line])).toEqual([["atlassian-confluence-token", 1], ["bitbucket-app-password", 2]]);
    expect(findings.map((f) => f.fingerprint)).toEqual([fingerprintSecret(atlassian, KEY), fingerprintSecret(bitbucket, KEY)]);
  });
});

describe("published formats (blind probe): each provider's detector reports the whole token", () => {
  // Its own generator: the cases above keep the values they draw.
  const r = new Rng(9101);
  const b62 = (n: number) => r.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", n);
  const b64url = (n: number) => r.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", n);
  const hex = (n: number) => r.chars("0123456789abcdef", n);
  const digits = (n: number) => r.chars("0123456789", n);
  const upNum = (n: number) => r.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", n);
  /** GitLab's routable token: base64url(payload, 16 random bytes, their count) `.` base36 length (2) + CRC32 (7). */
  const routable = (prefix: string, payload: string, version = "") => {
    const body = Buffer.concat([Buffer.from(payload), Buffer.from(hex(32), "hex"), Buffer.from([16])]).toString("base64url");
    const head = `${prefix}${body}.${version ? `${version}.` : ""}${body.length.toString(36).padStart(2, "0")}`;
    return `${head}${crc32(head).toString(36).padStart(7, "0")}`;
  };
  const withSecret = (secret: string, text: (s: string) => string) => ({ secret, text: text(secret) });
  const CASES: Array<[string, string, () => { secret: string; text: string }]> = [
    ["slack-workflows-webhook", "Workflow Builder URL ends in 24 characters", () => withSecret(`https://hooks.slack.com/workflows/T${upNum(10)}/A${upNum(10)}/${digits(18)}/${b62(24)}`, (s) => `SLACK_WORKFLOW_URL=${s}`)],
    ["slack-triggers-webhook", "trigger URL: team, trigger id, 32 hex, no app segment", () => withSecret(`https://hooks.slack.com/triggers/T${upNum(9)}/${digits(13)}/${hex(32)}`, (s) => `requests.post("${s}", json=payload)`)],
    ["slack-workspace-token", "xoxa-2- then three ids and 32 hex", () => withSecret(`xoxa-2-${digits(12)}-${digits(12)}-${digits(12)}-${hex(32)}`, (s) => `client = WebClient(token="${s}")`)],
    ["gitlab-pat-routable", "a routable PAT is reported with its `.` trailer", () => withSecret(routable("glpat-", `c:1\no:${r.int(1, 9999).toString(36)}\nu:${r.int(1e5, 1e7).toString(36)}`), (s) => `curl -H "PRIVATE-TOKEN: ${s}" https://gitlab.com/api/v4/user`)],
    ["gitlab-pat-versioned", "a routable PAT of GitLab 18 (`….01.` then length and CRC32)", () => withSecret(routable("glpat-", `c:1\no:${r.int(1, 9999).toString(36)}\nu:${r.int(1e5, 1e7).toString(36)}`, "01"), (s) => `git clone https://oauth2:${s}@gitlab.com/acme/api.git`)],
    ["gitlab-runner-versioned", "a versioned routable runner token", () => withSecret(routable("glrt-t1_", "c:1\no:1\nt:1", "01"), (s) => `gitlab-runner register --token ${s}`)],
    ["gitlab-runner-routable", "a routable runner token (`glrt-t1_…`)", () => withSecret(routable("glrt-t1_", "c:1\no:1\nt:1"), (s) => `[[runners]]\n  token = "${s}"`)],
    ["github-pat-classic", "a PAT in a clone URL stays a GitHub token, not the URL's password", () => withSecret(`ghp_${withCrc32Base62(b62(30))}`, (s) => `git remote set-url origin https://oauth2:${s}@github.com/acme/api.git`)],
    ["github-refresh", "ghr_ is 70 random characters and a CRC32", () => withSecret(`ghr_${withCrc32Base62(b62(70))}`, (s) => `{"refresh_token": "${s}", "token_type": "bearer"}`)],
    ["cloudflare-cfut-token", "cfut_ + 40 + 8-hex checksum, no name needed", () => withSecret(`cfut_${b62(40)}${hex(8)}`, (s) => `curl -H "Authorization: Bearer ${s}" https://api.cloudflare.com/client/v4/user/tokens/verify`)],
    ["cloudflare-cfat-token", "account token in prose", () => withSecret(`cfat_${b62(40)}${hex(8)}`, (s) => `rotate ${s} before friday`)],
    ["cloudflare-cfk-token", "new global API key", () => withSecret(`cfk_${b62(40)}${hex(8)}`, (s) => `CF_KEY=${s}`)],
    ["cloudflare-cfast-token", "Access service token client secret", () => withSecret(`cfast_${b62(40)}${hex(8)}`, (s) => `CF-Access-Client-Secret: ${s}`)],
    ["firebase-fcm-server-key", "legacy FCM server key in a key= header", () => withSecret(`AAAA${b64url(7)}:APA91b${b64url(134)}`, (s) => `curl -H "Authorization: key=${s}" https://fcm.googleapis.com/fcm/send`)],
    ["gcp-oauth-refresh-token", "firebase login:ci token", () => withSecret(`1//0${b64url(99)}`, (s) => `firebase deploy --only hosting --token "${s}"`)],
    ["telegram-bot-token", "token glued to /bot in the Bot API path", () => withSecret(`${r.int(1, 9)}${digits(9)}:AA${b64url(33)}`, (s) => `curl "https://api.telegram.org/bot${s}/getMe"`)],
    ["okta-token", "the SSWS scheme names an Okta token before the domain does", () => withSecret(`00${b64url(40)}`, (s) => `curl -H "Authorization: SSWS ${s}" "https://acme.okta.com/api/v1/users"`)],
    ["asana-pat", "2/<user>/<app>:<32 hex>", () => withSecret(`2/${digits(16)}/${digits(16)}:${hex(32)}`, (s) => `ASANA_PAT=${s}`)],
    ["asana-pat-legacy", "1/<user>:<32 hex>", () => withSecret(`1/${digits(16)}:${hex(32)}`, (s) => `asana: ${s}`)],
    ["cloudflare-global-key", "X-Auth-Key header", () => withSecret(hex(37), (s) => `curl -H "X-Auth-Email: ops@acme.io" -H "X-Auth-Key: ${s}" https://api.cloudflare.com/client/v4/zones`)],
    ["vault-legacy-token", "X-Vault-Token header", () => withSecret(`s.${b62(24)}`, (s) => `curl -H "X-Vault-Token: ${s}" https://vault.internal:8200/v1/secret/data/app`)],
    ["doppler-st-config-token", "service token naming its config", () => withSecret(`dp.st.prd.${b62(43)}`, (s) => `DOPPLER_TOKEN=${s}`)],
    ["intercom-token", "tok: then a uuid starting with a letter (dG9rOm…), padding kept", () => withSecret(Buffer.from(`tok:${r.chars("abcdef", 1)}${hex(7)}_${hex(4)}_4${hex(3)}_8${hex(3)}_${hex(12)}:1:0`).toString("base64"), (s) => `INTERCOM_ACCESS_TOKEN=${s}`)],
    ["zendesk-token", "40 characters under a Zendesk name", () => withSecret(`${upNum(4)}${b62(32)}${digits(4)}`, (s) => `ZENDESK_API_TOKEN=${s}`)],
    ["mailgun-api-key", "32 hex - 8 hex - 8 hex", () => withSecret(`${hex(32)}-${hex(8)}-${hex(8)}`, (s) => `MAILGUN_API_KEY=${s}`)],
    ["netlify-legacy-token", "43 characters under a Netlify name", () => withSecret(`${upNum(3)}${b64url(36)}${digits(4)}`, (s) => `NETLIFY_AUTH_TOKEN=${s}`)],
  ];
  test.each(CASES)("%s: %s", (detector, _what, build) => {
    const { secret, text } = build();
    // Detector ids and booleans only: a failure never prints the value.
    expect(scan(text).map((f) => [f.detector, f.fingerprint === fingerprintSecret(secret, KEY)])).toEqual([[detector, true]]);
  });

  test("a ghr_ refresh token failing its CRC32 is not a finding", () => {
    const good = withCrc32Base62(b62(70));
    const bad = good.slice(0, -1) + (good.endsWith("A") ? "B" : "A");
    expect(scan(`refresh_token: ghr_${bad}`)).toEqual([]);
  });
});

describe("prefilter step budget", () => {
  test("adversarial inputs stay within a linear budget of characters handed to regexes", () => {
    const inputs = [
      "a".repeat(100_000),
      `${["gh", "p_"].join("")}`.repeat(25_000),
      "sk-proj-".repeat(12_500) + "!",
      "-----BEGIN RSA PRIVATE KEY-----\n" + "A".repeat(100_000),
      "password=" + "x".repeat(100_000),
      "eyJ".repeat(33_000) + ".eyJ",
      "postgres://a:".repeat(8_000),
      "token token token ".repeat(6_000),
      // The hit-anchored detectors (login-pair, command-line-password, generic-secret-assignment): many hits on one
      // long line, in prose and in a minified bundle, and quotes that never close.
      "login: admin / ".repeat(7_000),
      'mysql -p"'.repeat(11_000),
      "sshpass -p 'x ".repeat(7_000),
      ["password=", "Ab1x".repeat(4), " "].join("").repeat(3_500),
      "key=Q2hhbmdlTWVQbGVhc2U5OQ ".repeat(3_700),
      "e.g. secret: Zx9QmT4pLw2vRk7s ".repeat(3_000),
      "credentials for the box ".repeat(4_000),
      "password=".repeat(11_000),
    ];
    // "x" as prose; a minified bundle as code, where the assignment detector asks whether a name is inside a string.
    for (const [text, path] of inputs.flatMap((t) => [[t, "x"], [t, "dist/app.min.js"]] as const)) {
      const stats = emptyStats();
      engine.scanSegment({ text, line: 1, column: 1 }, { path, fingerprintKey: KEY, stats });
      // Windows of one detector are merged, so each character reaches each matching detector at most once.
      expect(stats.charsExamined).toBeLessThanOrEqual(text.length * 16);
      expect(stats.regexExecs).toBeLessThanOrEqual(text.length / 3);
    }
  });

  test("work grows linearly: doubling an adversarial input at most doubles the work", () => {
    const work = (n: number) => {
      const stats = emptyStats();
      const text = `${"password=" + "Ab1".repeat(40)}\n`.repeat(n) + "-----BEGIN PRIVATE KEY-----\n" + "QUJD".repeat(n * 10);
      engine.scanSegment({ text, line: 1, column: 1 }, { path: "x", fingerprintKey: KEY, stats });
      return stats.charsExamined + stats.regexExecs;
    };
    const [a, b] = [work(500), work(1000)];
    expect(b).toBeGreaterThan(a);
    expect(b).toBeLessThanOrEqual(a * 2.1);
  });

  test("text without keywords runs no regex at all", () => {
    const stats = emptyStats();
    engine.scanSegment({ text: "The quick brown fox. ".repeat(5000), line: 1, column: 1 }, { path: "x", fingerprintKey: KEY, stats });
    expect(stats.regexExecs).toBe(0);
  });

  test("no detector pattern nests quantifiers", () => {
    // A group that is itself repeated and whose body repeats: the catastrophic-backtracking shape.
    const nested = /\((?:\?:)?[^()]*(?:[+*]|\{\d+,?\d*\})[^()]*\)(?:[+*]|\{\d+,?\d*\})/;
    expect(nested.test("(a+)+")).toBe(true);
    expect(nested.test("(?:ab{2,9})*")).toBe(true);
    for (const d of DETECTORS) {
      expect(d.patterns.length, d.id).toBeGreaterThan(0);
      for (const p of d.patterns) expect(nested.test(p.source), `${d.id}: ${p.source}`).toBe(false);
    }
  });
});
