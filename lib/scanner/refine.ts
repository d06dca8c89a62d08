import type { Finding } from "./types";

/**
 * File-level refinement after every segment is scanned: pairs AWS key ids with their secrets (one credential,
 * not two findings), names GCP service-account keys, and folds duplicates (a Slack message's text and blocks).
 */
export function refineFindings(findings: Finding[], fileText?: string): Finding[] {
  let out = pairAwsKeys(findings);
  if (fileText && out.some((f) => f.detector === "gcp-api-key")) {
    // Split once per file, not once per key: a bundle or log with many keys would otherwise be re-split per finding.
    const lines = fileText.split("\n");
    out = out.filter((f) => !browserGoogleKey(f, lines));
  }
  // Only a private key can be a service account's; the file-wide test is skipped for every other file.
  if (fileText && out.some((f) => f.detector === "private-key") && SERVICE_ACCOUNT_TYPE.test(fileText)) {
    out = out.map((f) => nameServiceAccount(f, fileText));
  }
  return foldDuplicates(out);
}

/**
 * One finding per secret per line, per Slack message (its text and blocks), per notebook cell (its source echoed by
 * its outputs: a printed value, a traceback quoting the line, a DataFrame's text/plain and text/html). A cell keeps
 * the source line where the secret was written, though nbformat writes `outputs` before `source`.
 */
function foldDuplicates(findings: Finding[]): Finding[] {
  const where = (f: Finding): string =>
    f.context?.messageTs ? `${f.context.channel}@${f.context.messageTs}` : f.context?.cell !== undefined ? `cell ${f.context.cell}` : `${f.line}`;
  const rank = (f: Finding): number => (f.context?.cell !== undefined && !/\.source(?:$|\[)/.test(f.context.keyPath ?? "") ? 1 : 0);
  const preferred = findings.some((f) => f.context?.cell !== undefined)
    ? [...findings].sort((a, b) => rank(a) - rank(b) || a.line - b.line || a.column - b.column)
    : findings;
  const seen = new Set<string>();
  const kept = new Set<Finding>();
  for (const f of preferred) {
    const key = `${f.fingerprint}|${where(f)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.add(f);
  }
  return findings.filter((f) => kept.has(f));
}

function pairAwsKeys(findings: Finding[]): Finding[] {
  const ids = findings.filter((f) => f.detector === "aws-access-key-id");
  if (!ids.length) return findings;
  const secrets = findings.filter((f) => f.provider === "aws" && f.detector !== "aws-access-key-id" || isAwsGeneric(f));
  const paired = new Set<Finding>();
  for (const secret of secrets) {
    const id = ids.find((i) => !paired.has(i) && Math.abs(i.line - secret.line) <= 6);
    if (!id) continue;
    paired.add(id);
    secret.publicId ??= id.publicId;
    if (isAwsGeneric(secret)) Object.assign(secret, { detector: "aws-secret-key", provider: "aws", kind: "access_key", severity: "critical" });
  }
  return findings.filter((f) => !paired.has(f));
}

function isAwsGeneric(f: Finding): boolean {
  if (f.detector !== "generic-secret-assignment") return false;
  const name = String(f.details?.name ?? "");
  // Terraform's aws_iam_access_key calls it `secret`, s3cmd `secret_key`: beside a key id, that is its secret when it
  // has an AWS secret's shape (Django's SECRET_KEY in the same `printenv` is not).
  return /aws|secret_access/i.test(name) || (/^secret(?:_key)?$/i.test(name) && f.details?.shape === "aws-secret-key");
}

/**
 * A service-account key file's markers, also where the JSON is itself a string (pasted into a Slack message, printed
 * by an agent's tool call, a notebook's output): its quotes are then escaped, once or more.
 */
const SERVICE_ACCOUNT_TYPE = /\\*"type\\*"\s*:\s*\\*"service_account\\*"/;
const CLIENT_EMAIL = /\\*"client_email\\*"\s*:\s*\\*"([^"\\@\s]+@[^"\\\s]+)\\*"/;

function nameServiceAccount(f: Finding, text: string): Finding {
  // Google issues service-account keys as PKCS#8 (BEGIN PRIVATE KEY): an RSA or EC key elsewhere in the file is not one.
  if (f.detector !== "private-key" || !f.preview.startsWith("-----BEGIN PRIVATE KEY-----")) return f;
  const email = CLIENT_EMAIL.exec(text)?.[1];
  return { ...f, detector: "gcp-service-account", provider: "gcp", kind: "service_account_key", title: "GCP service account key", ...(email ? { publicId: email } : {}) };
}

/**
 * Google API keys that ship to every browser by design, which Google documents as identifiers restricted by referrer
 * and API rather than secrets:
 * - a Firebase app's config (`firebaseConfig = { apiKey, authDomain, projectId, … }`, `google-services.json`'s
 *   `current_key`, `GoogleService-Info.plist`'s `API_KEY`): a generic name counts beside two of its siblings, a name
 *   that says Firebase (`FIREBASE_API_KEY`, `NEXT_PUBLIC_FIREBASE_API_KEY`, `firebase.apiKey`) on its own;
 * - a key in a Maps JavaScript, Static, Street View or Embed API URL (`<script src="…/maps/api/js?key=…">`), which the
 *   page hands to every visitor.
 * A Google API key under any other name (`GEMINI_API_KEY`, `GOOGLE_API_KEY`) stays a finding.
 */
const FIREBASE_NAME = /firebase[\w.-]{0,12}api_?key/i;
const CONFIG_KEY_NAME = /(?:^|[^\w])(?:apiKey|"current_key"|<key>API_KEY<\/key>)/;
const FIREBASE_SIBLINGS = [/authDomain|auth_domain|AUTH_DOMAIN/, /messagingSenderId|MESSAGING_SENDER_ID|GCM_SENDER_ID|project_number/, /storageBucket|storage_bucket|STORAGE_BUCKET/, /mobilesdk_app_id|GOOGLE_APP_ID|appId|APP_ID/, /projectId|project_id|PROJECT_ID/, /firebaseapp\.com|firebaseio\.com/];
const FIREBASE_REACH = 30;
const MAPS_URL_KEY = /maps\.googleapis\.com\/maps\/(?:api\/(?:js|staticmap|streetview)|embed\/v1\/\w+)\?(?:[^\s"'<>]*?&(?:amp;)?)?key=$/;

function browserGoogleKey(f: Finding, lines: readonly string[]): boolean {
  if (f.detector !== "gcp-api-key") return false;
  const own = lines[f.line - 1] ?? "";
  const at = own.indexOf("AIza", f.column - 1);
  if (at === -1) return false;
  const before = own.slice(0, at);
  if (MAPS_URL_KEY.test(before) || FIREBASE_NAME.test(before)) return true;
  if (!CONFIG_KEY_NAME.test(before)) return false;
  const near = lines.slice(Math.max(0, f.line - 1 - FIREBASE_REACH), f.line + FIREBASE_REACH).join("\n");
  return FIREBASE_SIBLINGS.filter((re) => re.test(near)).length >= 2;
}
