import { hash } from "node:crypto";
import { charClasses, longestRun, shannonEntropy } from "./entropy";
import { isPasswordName } from "./secret-name";

/**
 * False-positive suppression: the decoy taxonomy. Each predicate names one family of values that look like
 * secrets but are not (placeholders, documented examples, masks, digests, identifiers, encrypted containers,
 * public-by-design values). Values are never logged here.
 */

export type DecoyReason =
  | "placeholder"
  | "reference"
  | "example"
  | "masked"
  | "hash"
  | "identifier"
  | "encrypted"
  | "public"
  | "low-entropy";

// Each word in lower, UPPER and Capitalised form only: random tokens contain mixed-case runs like "YoUR" by chance.
const WORDS = ["your", "example", "placeholder", "replace", "insert", "dummy", "sample", "changeme", "redacted", "notreal", "fake", "foobar", "lorem", "todo", "fixme", "demo"];
const PLACEHOLDER_WORDS = new RegExp(
  [
    ...WORDS.flatMap((w) => [w, w.toUpperCase(), w[0]?.toUpperCase() + w.slice(1)]),
    "xxxx|XXXX|\\*\\*\\*|•••|\\.\\.\\.|…|<[^>]*>|\\[[a-z_ -]*\\]|change[_-]me|not[_-]a[_-]real|my[_-](?:api|secret|token|key|pass)|My(?:Api|Secret|Token|Key|Pass)(?=[0-9A-Z_!@#$%&*.-]|$)",
    "^(?:none|null|undefined|true|false|secret|password|passwd|token|test|testing|admin|root|default|string)$",
  ].join("|"),
);

/** `YOUR_API_KEY`, `<token>`, `xxxx`, `changeme`, `sk-...` and friends. */
export function isPlaceholder(value: string): boolean {
  // Long random bodies (PEM, JWT) contain short words by chance, and symbol-dense keys (WordPress salts, Django
  // keys) `<…>` or `[…]` pairs: only unmistakable markers count there.
  if (value.length > 80 || symbolDense(value)) return /^(.)\1+$|YOUR_|PLACEHOLDER|REPLACE_ME|\.\.\.|…|^<[^<>]*>$/.test(value);
  if (PLACEHOLDER_WORDS.test(value)) return true;
  // Sequences, and byte counters (`000102030405…`, the RFC and NIST test keys) are typed, not generated.
  if (/(?:0123456789|1234567890|abcdefgh|a1b2c3|1a2b3c|0011223344|aabbccdd|deadbeef|cafebabe|0001020304050607|0102030405060708)/i.test(value)) return true;
  // The keyboard's top row alone (`qwerty123`, `Qwertyuiop!`) is the sample of a weak password; more than it
  // (`Qwerty-plum7731`) is someone's weak password.
  return /^(.)\1+$|^qwerty(?:uiop)?[0-9!@#$%^&*]*$/i.test(value);
}

/** A long value full of punctuation (WordPress salts, Django keys): generated, whatever pairs it holds by chance. */
function symbolDense(value: string): boolean {
  return value.length >= 32 && symbolCount(value) >= 8;
}

/** Characters other than letters, digits, `_` and `-` (which join words in identifiers and placeholders). */
function symbolCount(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) if (!/[\w-]/.test(value[i] ?? "")) n++;
  return n;
}

/** What follows `${`, `$(` or `<%` must read as code: a random salt holds the bare pairs by chance. */
const EMBEDDED_REFERENCE = /\$\{[A-Za-z_{][^}]*\}|\{\{[^}]*\}\}|\$\([A-Za-z_ ][^)]*\)|%\([^)]*\)s|<%[=\s-]/;
/** In a symbol-dense key (a WordPress salt) `$(C;)` is chance: there only a name or a command counts. */
const DENSE_REFERENCE = /\$\{[A-Za-z_][\w.:-]{1,80}\}|\{\{[ \t]*[.$]?[A-Za-z_][\w.]{1,80}[ \t]*\}\}|\$\([a-z][\w-]{1,40}(?:[ \t][^)]*)?\)/;

/** `${VAR}`, `{{ secrets.X }}`, `process.env.X`, `$(cmd)`, `%(name)s`: the value lives elsewhere. */
export function isReference(value: string): boolean {
  return (
    /^\$\{?[A-Za-z_][\w.:-]*\}?$/.test(value) ||
    (symbolDense(value) ? DENSE_REFERENCE : EMBEDDED_REFERENCE).test(value) ||
    /(?:process\.env|os\.environ|os\.getenv|env\(|getenv|secrets\.|vault:|ssm:|arn:aws:)/i.test(value) ||
    // Secret-manager URIs resolved at run time: 1Password `op://vault/item/field`, vals `ref+awssecrets://…`.
    /^(?:op|ref\+[a-z0-9]+|keeper|bws?|doppler|infisical|akv|gcpsm|awssm):\/\//i.test(value)
  );
}

/** `settings.SECRET_KEY`, `getToken()`, `config.auth.token`: code, not a literal. Only for generic assignments. */
export function isCodeExpression(value: string): boolean {
  // camelCase / PascalCase identifiers (`hashedPassword`, `TokenSchema`).
  if (/^[a-z]+(?:[A-Z][a-z]+){1,6}$|^(?:[A-Z][a-z]+){2,6}$/.test(value)) return true;
  if (/[0-9]{3}/.test(value)) return false;
  // Punctuation no call or member path holds: a Django key (`…k8#(x!z…=+)`) has a bracket pair by chance.
  if ((value.match(/[!@#%^&*=+]/g)?.length ?? 0) >= 3) return false;
  // A dotted token (`dp.st.prd.<random>`, a Discord bot token) has machine-made segments; members are words.
  if (value.split(/[.([\]]/).some(randomSegment)) return false;
  // Members, calls and indexes, chained (`config.get(x)`, `Jobs[-1].JobId`).
  return /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\([^)]*\)|\[[^\]]*\])+[;,)]*$/.test(value);
}

/**
 * Upper, lower and digits over 8+ characters, not spelling words: a token's or a password's part (`fbqRtyC5` in
 * `fbqRtyC5.w`), never a member's name. Unquoted code is not judged in code files, so this reads config and prose.
 */
function randomSegment(segment: string): boolean {
  return segment.length >= 8 && /[A-Z]/.test(segment) && /[a-z]/.test(segment) && /[0-9]/.test(segment) && !wordy(segment);
}

/** `sk_live_****abcd`, `ghp_••••`, `[REDACTED]`. */
export function isMasked(value: string): boolean {
  return /\*{3,}|•{2,}|#{4,}|x{6,}|X{6,}|_{6,}|\.{4,}|redacted|masked|hidden|removed/i.test(value);
}

/** git SHAs, `sha256:…`, `sha512-…` integrity, bcrypt/argon/crypt hashes. Only where a hash is the likely reading. */
export function isDigest(value: string, name = ""): boolean {
  // Vault's audit log stores every secret as `hmac-sha256:<hex>`: a keyed digest, the value itself is not there.
  if (/^(?:sha1|sha256|sha384|sha512|md5|hmac-sha(?:1|224|256|384|512))[:-]/i.test(value)) return true;
  // Stored password hashes: crypt(3) `$id$…`, Django `pbkdf2_sha256$…`, Werkzeug `scrypt:…$`, LDAP `{SSHA}…`.
  if (/^\$(?:2[abxy]?|argon2(?:id|i|d)|1|5|6|7|y|gy|apr1|md5|sha1|pbkdf2[\w-]*|scrypt)\$/.test(value)) return true;
  if (/^(?:pbkdf2_sha(?:1|256|512)|bcrypt(?:_sha256)?|argon2|scrypt|sha1|md5|crypt)\$|^(?:pbkdf2:sha(?:1|256|512)(?::\d+)?|scrypt:\d+:\d+:\d+)\$/.test(value)) return true;
  if (/^\{(?:SSHA|SHA|SMD5|MD5|CRYPT|SSHA256|SSHA512|SHA256|SHA512|PBKDF2(?:-SHA\d+)?|ARGON2)\}/i.test(value)) return true;
  if (/(?:sha|hash|digest|checksum|commit|revision|rev|etag|integrity|fingerprint|md5|crc|nonce|salt)/i.test(name)) {
    return /^[0-9a-fA-F]{7,128}$/.test(value) || /^[A-Za-z0-9+/]{20,}={0,2}$/.test(value);
  }
  return false;
}

/** UUIDs, Twilio account SIDs, Cloudflare zone ids and similar identifiers, when the name does not say secret. */
export function isIdentifier(value: string, name = ""): boolean {
  if (/(?:secret|token|passw|pwd|api[_-]?key|private|credential)/i.test(name)) return false;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return true;
  if (/^(?:AC|PN|MG|SM|CA|RE)[0-9a-f]{32}$/.test(value)) return true;
  return /(?:_id|id|zone|account|tenant|project|org|region|bucket|arn)$/i.test(name);
}

/**
 * AWS KMS ciphertext blobs (`aws ssm get-parameter` without decryption, `CiphertextBlob`, SOPS `enc:`): the format's
 * version header encodes to `AQICAH`/`AQECAH`. An OpenPGP message as bare base64 (Renovate's `encrypted:` values)
 * starts with a public-key-encrypted session key packet: `wcBMA`/`wcFMA`/`wcDMA`, `wV4D`, old-format `hQEMA`/`hQIMA`.
 */
const CIPHERTEXT = /^(?:AQ[IE]CAH[A-Za-z0-9+/]{100,}={0,2}|(?:wc[BDF]MA|wV4D|hQ[EI]MA|hF4D)[A-Za-z0-9+/]{60,}={0,2}|Ag[A-D][A-Za-z0-9+/]{300,}={0,2})$/;

/**
 * Ansible Vault, SOPS `ENC[…]`, Jasypt `ENC(…)`, Spring Cloud Config `{cipher}…`, sealed-secrets payloads (also pasted
 * away from their `encryptedData:`: a 2-byte length, `Ag[A-D]`, then an RSA-wrapped session key), age/PGP messages,
 * KMS ciphertext.
 */
export function isEncryptedContainer(value: string, context = ""): boolean {
  if (/\$ANSIBLE_VAULT;|ENC\[[A-Z0-9_]+,data:|-----BEGIN (?:AGE ENCRYPTED FILE|PGP MESSAGE)-----|^ENC\([A-Za-z0-9+/=]{16,}\)$|^\{cipher\}[A-Za-z0-9+/=]{16,}$/.test(value)) return true;
  if (value.length >= 64 && CIPHERTEXT.test(value)) return true;
  // `encrypted: { npmToken: … }` (Renovate), `encrypted.password`: the key path says the value is ciphertext.
  return /(?:encryptedData|sops\.|sops:|\$ANSIBLE_VAULT|!vault|(?:^|[.>\]])encrypted\.)/.test(context);
}

/** Public by design: Stripe, Supabase and PostHog project keys, SSH public keys, certificates, Sentry DSNs. */
export function isPublicByDesign(value: string): boolean {
  return (
    /^(?:pk_(?:live|test)_|sb_publishable_|pk\.eyJ|NRJS-|phc_)/.test(value) ||
    // Braintree tokenization keys and Datadog RUM/browser-logs client tokens ship in every page's JavaScript.
    /^(?:(?:sandbox|production)_[a-z0-9]{8}_[a-z0-9]{16}|pub[0-9a-f]{32})$/.test(value) ||
    // An uncompressed P-256 point (0x04, X, Y) in base64url: a Web Push VAPID application server key.
    /^B[A-P][A-Za-z0-9_-]{85}$/.test(value) ||
    /^(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-|sk-ssh-ed25519@)/.test(value) ||
    /-----BEGIN (?:CERTIFICATE|PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE REQUEST)-----/.test(value) ||
    /^https:\/\/[0-9a-f]{32}@[\w.-]*sentry\.io\//.test(value)
  );
}

// Truncated SHA-256 of vendors' documented example credentials: recognised without committing them.
const EXAMPLE_HASHES = new Set([
  "1a5d44a2dca19669d72edf4c4f1c27c4",
  "78314b11be2e581549ac1c4f616563fa",
  "2cafc0970149a84f3b9e62eaf169f36f",
  "f2d6ca16515033e5dce14eba840b979d",
  "7f75367e7881255134e1375e723d1dea",
  "f48d762bc3cce77e95aa442c534b1693",
  // Cargo's documentation of registry credentials (`token = "…"` in credentials.toml).
  "3c14aab79351be94e9c4202d8f6d28c4",
  // Slack's API documentation bot token.
  "2ddc147f3a3b5a1722b8ed6be3c45c49",
  // RFC 6749 (OAuth 2.0) example client credentials, access, refresh and authorization code values.
  "6c96130f130ab0d6d158397e24d2bcc1",
  "00cf4c781dc37003f7c7dd7d4c9a6ef1",
  "ca7459e2b26776de081b9a07e40227fd",
  "a35b81a7d7927b70ec99270dd2362b88",
  "53f5da0aaa93d64cd5772c554cbf940f",
  // RFC 7519 §3.1 (and RFC 7515 A.1) example JWT, signed with the RFC's published HMAC key.
  "8d4ef6536dc8895f256c1e0d95dcd197",
  // Azurite's (and the retired Azure Storage Emulator's) well-known devstoreaccount1 account key, the same in every install.
  "0011cc25eb4320717494d2703e8cba85",
  // The Azure Cosmos DB emulator's published account key (AccountEndpoint=https://localhost:8081/).
  "aa6547439583c3a275d4542a0df6c1ad",
  // RFC 6749 §2.3.1's example client_secret, and RFC 7617's Basic credentials (Aladdin:open sesame).
  "e9974c507d2a802143f614c878fcbb62",
  "cf4d418ed3de92d71f767db5391d5a2d",
]);

export function isDocumentedExample(value: string): boolean {
  // xkcd 936's passphrase, the sample of every passphrase guide.
  if (/EXAMPLE|correct.?horse.?battery.?staple/i.test(value)) return true;
  return EXAMPLE_HASHES.has(hash("sha256", value, "hex").slice(0, 32));
}

/** Checks every secret a detector proposes; `body` is the part after a fixed public prefix. */
export function decoyReason(secret: string, body: string): DecoyReason | undefined {
  if (isDocumentedExample(secret)) return "example";
  if (isMasked(body)) return "masked";
  if (isReference(secret)) return "reference";
  if (isPublicByDesign(secret)) return "public";
  if (isEncryptedContainer(secret)) return "encrypted";
  if (isPlaceholder(body)) return "placeholder";
  if (body.length >= 8 && longestRun(body) > Math.max(5, body.length / 3)) return "low-entropy";
  return undefined;
}

/** Mostly dictionary-like runs (`NonExpressionParenEnd`, `authenticationCleartext`): an identifier, not a key. */
export function wordy(value: string): boolean {
  const runs = value.match(/[A-Z]?[a-z]{2,}/g) ?? [];
  const covered = runs.reduce((n, r) => n + r.length, 0);
  // Words are long lowercase runs; random letters break into runs of two or three.
  return runs.length > 0 && covered >= value.length * 0.6 && covered / runs.length >= 4.5 && (value.match(/[0-9]/g)?.length ?? 0) <= 2;
}

/** A capitalised word or two, then a 2-4 digit number (a year, a PIN) and perhaps one symbol (any a keyboard shifts to). */
const HUMAN_PASSWORD = /^[A-Z][a-z]{2,}(?:[A-Z]?[a-z]{2,}){0,2}[0-9]{2,4}[!@#$%&*?.^+=~]?$/;
/**
 * The words of sample passwords in docs and forms (`Password123!`, `Example2024`, `MyPass2024`): no one's password.
 * Case-sensitive: the word must end where a number or a new capitalised word starts (`Myriad2024` is a person's).
 */
const SAMPLE_WORD = /^(?:Pass(?:word)?|Changeme|Example|Sample|Secret|Test(?:ing)?|Dummy|Placeholder|Your|My|Demo|Default|Admin|User|Qwerty|Letmein)(?=[0-9A-Z])/;

/** A person's password: a capitalised word or two and a number (`Harborlight2024!`), not a sample one. */
export function humanPassword(value: string): boolean {
  return value.length >= 8 && HUMAN_PASSWORD.test(value) && !SAMPLE_WORD.test(value);
}

/**
 * Words that put a hyphenated value in a sentence or a pointer (`same-as-staging`, `use-the-vault-one`,
 * `not-set-yet`), which the random words of a generated passphrase never are.
 */
const PROSE_WORDS = new Set(
  ("the a an and or not no none null nil is are be was were same as in on of to for from with by at via use see ask " +
    "set yet tbd todo fixme change changeme replace your my our their this that it its default empty required optional " +
    "vault here there stored managed rotate rotated rotating prod production staging dev test sample example dummy demo " +
    "placeholder insert enter put fill blank unknown disabled enabled true false one old new current previous").split(" "),
);

/** `velvet-quartz-falcon-ember42` → its words: three to eight joined by one separator; null for anything else. */
function joinedWords(value: string): string[] | null {
  if (value.length < 12 || value.length > 90) return null;
  const separator = /[-_.]/.exec(value)?.[0];
  const words = separator ? value.split(separator) : [];
  if (words.length < 3 || words.length > 8 || !words.every((w) => /^(?:[A-Z]?[a-z]{2,10}[0-9]{0,4}|[0-9]{1,4})$/.test(w))) return null;
  return words.filter((w) => /[a-z]/.test(w)).length >= 3 ? words : null;
}

const isProseWord = (word: string): boolean => PROSE_WORDS.has(word.toLowerCase().replace(/[0-9]+$/, ""));

/** A memorable password (1Password, Bitwarden, diceware: `velvet-quartz-falcon-ember42`): joined words, none of prose. */
export function memorablePassword(value: string): boolean {
  return memorable(value, joinedWords(value));
}

function memorable(value: string, words: string[] | null): boolean {
  return words !== null && value.length >= 15 && !words.some(isProseWord);
}

/** Is a value assigned to a secret-like name random enough to be a credential? */
export function looksRandom(value: string, name = ""): boolean {
  const passwordName = isPasswordName(name);
  // A word and a short number (`admin123`, `Welcome1`, `postgres`) is not judged a credential: local defaults, docs
  // and sample configs are full of them, and the generic detectors are for values with a generator's entropy.
  // Words joined by a separator: a sentence or a pointer when any is a word of prose (`use-the-vault-one`); a
  // memorable password (1Password, Bitwarden, diceware: `velvet-quartz-falcon-ember42`) under a password's name.
  const words = joinedWords(value);
  if (words?.some(isProseWord)) return false;
  if (passwordName && memorable(value, words)) return true;
  // People's passwords are words with a number on the end (`Harborlight2024!`): under a password's name, a password.
  // Under a password's name, all four classes (`yAhbeiv0@n`) is a policy's output: its long letter run is chance.
  if (wordy(value) && !(passwordName && (HUMAN_PASSWORD.test(value) || charClasses(value) >= 4))) return false;
  // Their entropy is a word's: `Summer441` is no less a password for repeating a letter.
  if (passwordName && humanPassword(value)) return true;
  const entropy = shannonEntropy(value);
  const classes = charClasses(value);
  // Two-class values of this length are mostly identifiers (`serverComponentsCache`) unless hex or very random.
  if (value.length >= 20) return entropy >= 3.2 && (classes >= 3 || entropy >= 4.3 || (/^[0-9a-f]+$/i.test(value) && value.length >= 32));
  if (value.length >= 12) return entropy >= 3.0 && classes >= (passwordName ? 2 : 3);
  // Short values: a generated password has a digit; `ARIA-rollen` (the start of a sentence) has none.
  // All four classes (`vec4#Ge9#e`) is a generator's or a policy's output, whatever letter it happened to repeat.
  if (value.length >= 8) return passwordName && entropy >= (classes >= 4 ? 2.4 : 2.75) && classes >= 3 && /[0-9]/.test(value);
  return false;
}
