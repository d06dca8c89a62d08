import { awsPair, ed25519Pem, jwt, openSshKey, password, type Positive, rsaPem, TOKEN_SPECS, tokenPositive, uuid } from "./fakes";
import { ALPHABETS, type Rng } from "./prng";

/** Positives beyond the token shapes: pairs, keys, URLs, JWTs, generic assignments. */
export function specialPositives(rng: Rng): Positive[] {
  const aws = awsPair(rng);
  const pem = rng.next() < 0.5 ? ed25519Pem(rng) : rsaPem();
  const ssh = openSshKey(rng);
  const dbPass = password(rng);
  const scheme = rng.pick(["postgres", "postgresql", "mysql", "mongodb+srv", "redis", "amqps"]);
  const host = rng.pick(["db.internal", "prod-db.example.net", "cluster0.abcde.mongodb.net", "10.0.3.7:5432"]);
  const svcJwt = jwt(rng, { role: "service_role", iss: "supabase", exp: 2000000000 });
  const userJwt = jwt(rng, { role: "authenticated", exp: 1900000000 });
  return [
    { label: "aws-access-key", kind: "access_key", name: "AWS_SECRET_ACCESS_KEY", value: aws.secret, secret: aws.secret, multiline: false },
    { label: "private-key", kind: "private_key", name: "PRIVATE_KEY", value: pem.pem, secret: pem.body, multiline: true },
    { label: "openssh-private-key", kind: "ssh_key", name: "DEPLOY_KEY", value: ssh.pem, secret: ssh.body, multiline: true },
    { label: "connection-url", kind: "db_password", name: "DATABASE_URL", value: `${scheme}://app_user:${dbPass}@${host}/app`, secret: dbPass },
    { label: "supabase-service-role", kind: "api_token", name: "SUPABASE_SERVICE_ROLE_KEY", value: svcJwt, secret: svcJwt },
    { label: "jwt", kind: "jwt", name: "SESSION_JWT", value: userJwt, secret: userJwt },
    { label: "railway-token", kind: "api_token", name: "RAILWAY_TOKEN", value: uuid(rng), secret: "" },
    { label: "generic-password", kind: "password", name: rng.pick(["DB_PASSWORD", "admin_password", "SMTP_PASS", "redisPassword"]), value: "", secret: "" },
    { label: "generic-secret", kind: "api_token", name: rng.pick(["API_SECRET", "webhook_secret", "SIGNING_KEY", "internal_api_key"]), value: "", secret: "" },
  ].map((p) => {
    if (p.label === "railway-token") return { ...p, secret: p.value };
    if (p.label === "generic-password") {
      const v = password(rng);
      return { ...p, value: v, secret: v };
    }
    if (p.label === "generic-secret") {
      const v = rng.chars(ALPHABETS.b62 ?? "", rng.int(28, 40));
      return { ...p, value: v, secret: v };
    }
    return p;
  });
}

/** Every token shape once, plus the specials: the full positive catalogue for one seed. */
export function allPositives(rng: Rng): Positive[] {
  return [...TOKEN_SPECS.map((s) => tokenPositive(s, rng)), ...specialPositives(rng)];
}

export interface Decoy {
  category: string;
  name: string;
  value: string;
  multiline?: boolean;
}

/** The decoy taxonomy: values that look like secrets and are not. Built at run time, never committed. */
export function decoys(rng: Rng): Decoy[] {
  const hex = (n: number): string => rng.chars(ALPHABETS.hex ?? "", n);
  const b64 = (n: number): string => rng.chars(ALPHABETS.b64 ?? "", n);
  const gh = ["gh", "p_"].join("");
  const sk = ["sk", "_live_"].join("");
  const awsExample = ["AKIA", "IOSFODNN7", "EXAMPLE"].join("");
  return [
    { category: "placeholder", name: "OPENAI_API_KEY", value: "YOUR_API_KEY_HERE" },
    { category: "placeholder", name: "GITHUB_TOKEN", value: `${gh}${"x".repeat(36)}` },
    { category: "placeholder", name: "api_token", value: "<your-token>" },
    { category: "placeholder", name: "DB_PASSWORD", value: "changeme" },
    { category: "placeholder", name: "STRIPE_SECRET_KEY", value: `${sk}${"X".repeat(24)}` },
    { category: "reference", name: "DB_PASSWORD", value: "${DB_PASSWORD}" },
    { category: "reference", name: "token", value: "{{ secrets.DEPLOY_TOKEN }}" },
    { category: "reference", name: "apiKey", value: "process.env.OPENAI_API_KEY" },
    { category: "example", name: "AWS_ACCESS_KEY_ID", value: awsExample },
    // Shaped like a GitHub token but failing its CRC32, as documentation samples do.
    { category: "example", name: "GITHUB_TOKEN", value: `${gh}${rng.chars(ALPHABETS.b62 ?? "", 30)}${"000000"}` },
    { category: "masked", name: "STRIPE_SECRET_KEY", value: `${sk}****************${hex(4)}` },
    { category: "masked", name: "GITHUB_TOKEN", value: `${gh}••••••••${hex(4)}` },
    { category: "masked", name: "password", value: "********" },
    { category: "hash", name: "commit", value: hex(40) },
    { category: "hash", name: "image_digest", value: `sha256:${hex(64)}` },
    { category: "hash", name: "integrity", value: `sha512-${b64(86)}==` },
    { category: "hash", name: "password_hash", value: `$2b$12$${rng.chars(ALPHABETS.b64 ?? "", 53).replace(/\+/g, ".")}` },
    { category: "identifier", name: "request_id", value: uuid(rng) },
    { category: "identifier", name: "TWILIO_ACCOUNT_SID", value: `AC${hex(32)}` },
    { category: "identifier", name: "CLOUDFLARE_ZONE_ID", value: hex(32) },
    { category: "encrypted", name: "db_password", value: `ENC[AES256_GCM,data:${b64(24)},iv:${b64(43)}=,tag:${b64(22)}==,type:str]` },
    { category: "encrypted", name: "vault_password", value: `$ANSIBLE_VAULT;1.1;AES256\n${hex(64)}\n${hex(64)}`, multiline: true },
    { category: "public", name: "STRIPE_PUBLISHABLE_KEY", value: `pk_live_${rng.chars(ALPHABETS.b62 ?? "", 24)}` },
    { category: "public", name: "SUPABASE_ANON_KEY", value: jwt(rng, { role: "anon", iss: "supabase" }) },
    { category: "public", name: "SENTRY_DSN", value: `https://${hex(32)}@o${rng.int(10000, 99999)}.ingest.sentry.io/${rng.int(1000, 9999)}` },
    { category: "public", name: "ssh_public_key", value: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${b64(43)} ops@bastion` },
    { category: "public", name: "TLS_CERT", value: `-----BEGIN CERTIFICATE-----\n${b64(64)}\n${b64(64)}\n-----END CERTIFICATE-----`, multiline: true },
    { category: "truncated", name: "PRIVATE_KEY", value: "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----", multiline: true },
    { category: "prose", name: "token_budget", value: "2048" },
    { category: "prose", name: "password_policy", value: "min-12-chars-with-symbols" },
  ];
}
