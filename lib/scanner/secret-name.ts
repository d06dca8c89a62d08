/**
 * Does a name (a variable, key, column header or flag) sound like it holds a secret? One judgement for every reader
 * and detector that names values: `DB_PASSWORD` does, `password_encryption` and `token_ttl` do not.
 */
export function isSecretName(name: string): boolean {
  return (SECRET_NAME.test(name) || PASSWORD_NAME.test(name)) && lastSecretWordStands(name) && !publicClientKeyName(name);
}

/**
 * Names of a password, spelled once for every caller: `DB_PASSWORD`, `passwd`, `pwd`, `passphrase`, `SMTP_PASS`,
 * `db.pass`, `db_pw`. A bare `pass`/`pw` must stand as a word: `bypass`, `compass`, `npw` are not passwords.
 */
const PASSWORD_NAME = /passw|pwd|passphrase|(?:^|[_.-])(?:pass|pw)$/i;

/**
 * Could `text` hold a secret's name anywhere? The stems every name isSecretName accepts must contain, kept beside
 * PASSWORD_NAME and SECRET_NAME: a cheap first test before a reader splits a text into candidate names.
 */
export function mayNameSecret(text: string): boolean {
  return SECRET_NAME_STEM.test(text);
}

const SECRET_NAME_STEM = /pass|pwd|pw|secret|token|key|credential/i;

/** Is the name a password's (a value a person may have chosen), not a token's or a key's? */
export function isPasswordName(name: string): boolean {
  return PASSWORD_NAME.test(name);
}

/**
 * Keys that vendors issue for browsers and apps, public by design: Algolia's search-only key, Mixpanel's project
 * token, Segment's write key. Their secret counterparts have other names (admin key, API secret, access token).
 */
const PUBLIC_CLIENT_KEY = /(?:^|_)search_only(?:_|$)|(?:^|_)algolia_search(?:_api)?_key$|(?:^|_)mixpanel(?:_project)?_token$|^(?:segment_)?write_key$/;

function publicClientKeyName(name: string): boolean {
  return PUBLIC_CLIENT_KEY.test(nameWords(name).join("_"));
}

const SECRET_NAME = /(?:secret|token|api[_.-]?key|apikey|access[_.-]?key|private[_.-]?key|credential|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key|session[_.-]?key|auth[_.-]?key|hmac[_.-]?key|_key$|^key$)/i;
// A name is read as English compounds: `password_encryption` is about encryption, `encryption_key` is a key.
// Words after the last secret word that make it describe something else:
const AFTER_SECRET = new Set(
  ("id ids url uri urls path paths file filename name names type ttl expiry expires expiration timeout length len size " +
    "count max min limit format header prefix suffix mode version enabled disabled method endpoint at field env location " +
    "hash hashed digest checksum sha sha1 sha256 md5 fingerprint budget dir cache issuer audience algorithm alg kind " +
    "provider scope scopes ref arn region host port user username email validity lifetime interval required strength " +
    "reset encryption scheme param query schema chars char class type types store manager service handler error " +
    "endpoint storage index position pos start end accessor " +
    // Where the secret comes from, not the secret: `--password-stdin`, `--passphrase-fd 0`, `password_cmd = pass show x`.
    "stdin fd cmd command prompt " +
    // How a secret is processed: `PASSWORD_HASHERS`, `password_encoder`, `SECRET_KEY_TRANSFORMATION = "AES/GCM/…"`.
    "hasher hashing encoder transformation " +
    // What makes or describes keys (JCA's `SecretKeyFactory`, `KeyGenerator`, `SecretKeySpec`): an algorithm's name follows.
    "factory generator spec")
    .split(" "),
);
/**
 * Words that make a name's final `key` some other kind of key: `cache_key`, `PARTITION_KEY`, `RECAPTCHA_SITE_KEY`
 * (a site key is public by design; its pair is the `secret_key`).
 */
export const OTHER_KEY_OWNERS: ReadonlySet<string> = new Set(
  ("primary foreign sort partition range cache object idempotency dedupe dedup routing lookup composite unique index " +
    "shard row column issue jira translation i18n map dictionary site").split(" "),
);
// Words that disqualify a name wherever they stand.
const ANYWHERE = new Set("public publishable pub example placeholder hint description label regex pattern usage policy template author tokenizer".split(" "));
/**
 * `csrf_token`, `X-XSRF-TOKEN`, `csrfmiddlewaretoken`, Atlassian's `atl_token` (`ajs-atl-token` in every Confluence
 * page), Rails' `authenticity_token`: an anti-forgery token proves a form's origin, not who sent it.
 */
const ANTI_FORGERY = /^(?:csrf|xsrf|atl$|authenticity$)/;
/** `NextToken`, `nextPageToken`, `continuation_token`, a change stream's `resumeToken`: where a listing goes on. */
const PAGING = new Set(["next", "page", "paging", "pagination", "continuation", "resume"]);
/**
 * AWS's request tokens (`ChangeToken`, `LockToken`, `ClientToken`, `--starting-token`, `LifecycleActionToken`), an
 * OAuth 1 request token: a token of an operation, not of a caller. (Not `verification`: an SES VerificationToken is
 * published in DNS, but a Slack app's is a shared secret.)
 */
const OPERATION_TOKEN_OWNERS = new Set(["change", "lock", "client", "request", "idempotency", "starting", "action"]);
const SECRET_WORD = /^(?:\w*(?:secret|token|password|passwd|passphrase|credentials?)|key|apikey|privatekey|accesskey|pwd|pw|pass|pat|auth)$/;

/** `fingerprint`, `id`, `hash`, `length`…: a word after a secret word that makes the phrase about something else. */
export function isMetadataWord(word: string): boolean {
  const lower = word.toLowerCase();
  // Plurals too: "secret fingerprints: HMAC-SHA-256(…)" is about fingerprints.
  return AFTER_SECRET.has(lower) || (lower.endsWith("s") && AFTER_SECRET.has(lower.slice(0, -1)));
}

/** True when the name's last secret word is not followed by a word that turns it into metadata. */
function lastSecretWordStands(name: string): boolean {
  const words = nameWords(name);
  if (words.some((w) => ANYWHERE.has(w) || ANTI_FORGERY.test(w) || PAGING.has(w))) return false;
  let last = -1;
  words.forEach((w, i) => {
    if (SECRET_WORD.test(w)) last = i;
  });
  if (last > 0 && words[last] === "key" && OTHER_KEY_OWNERS.has(words[last - 1] ?? "")) return false;
  if (last > 0 && words[last] === "token" && OPERATION_TOKEN_OWNERS.has(words[last - 1] ?? "")) return false;
  return last !== -1 && !words.slice(last + 1).some((w) => AFTER_SECRET.has(w));
}

function nameWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** Parents whose bare `key` child is a secret key: `Jwt: { Key: … }`, `signing: { key: … }`, `hmac: { key: … }`. */
const KEY_OWNER = /(?:jwt|jws|jwe|auth|sign|encrypt|crypt|cipher|hmac|session|cookie|secret|token|master|private|license|webhook|api)/i;

/**
 * A bare `key` is named by the object holding it when that object is about keys (`Jwt.Key` reads `Jwt_Key`);
 * anywhere else a bare `key` is a lookup key, an object key in S3, a cache key. Other names stay as they are.
 */
export function ownedKeyName(key: string, parent: string | number | undefined): string {
  if (typeof parent !== "string") return key;
  if (/^key$/i.test(key) && KEY_OWNER.test(parent)) return `${parent}_${key}`;
  // `outputs: { db_password: { value: …, sensitive: true } }` (Terraform state), `{ api_token: { value: … } }`.
  if (/^value$/i.test(key) && isSecretName(parent)) return parent;
  return key;
}

/**
 * A name from a sibling `key`/`name` field that is only a field word (Postman's `apikey: [{ key: "value", value: … }]`)
 * is named by the object holding the list when that object's own name sounds secret: `apikey_value`.
 */
export function ownedFieldName(name: string, ownerOf: () => string | undefined): string {
  if (!/^[a-z]{2,8}$/i.test(name) || isSecretName(name)) return name;
  const owner = ownerOf();
  return owner && isSecretName(owner) ? `${owner}_${name}` : name;
}
