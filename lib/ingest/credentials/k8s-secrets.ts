import type { CredentialFields } from "@/lib/domain/credential";
import { locationOf, rejectedRow, type RowLocation } from "../row-error";
import { sniffHead } from "./input-sniff";
import { type JsonElement, readJsonObjects } from "./json-elements";
import { at, optDate, optString, optStringMap } from "./json-fields";
import { DuplicateIds, RecordDraft } from "./record-draft";
import type { CredentialImporter, ImportItem, ImportOptions } from "./types";
import { parseDate } from "./values";
import { readYamlObjects } from "./yaml-elements";

/**
 * Kubernetes Secrets (`kubectl get secrets -o json` or `-o yaml`: a List, or one Secret, or several YAML
 * documents): metadata only. Secret values never reach this code: `data` and `stringData` are removed while the
 * JSON or YAML is parsed, and so is kubectl's last-applied-configuration annotation, which repeats the whole
 * manifest including `data`. JSON streams; YAML is read whole, so it is refused beyond MAX_YAML_CHARS.
 *
 * Service-account token secrets carry their service account as principal and never expire (the legacy
 * token secret has no expiry). Since Kubernetes 1.29 the control plane labels them with the day of last use
 * (`kubernetes.io/legacy-token-last-used`) and, once it stops accepting an unused one, the day it did so
 * (`kubernetes.io/legacy-token-invalid-since`): the token is then disabled, not revoked, since removing the
 * label brings it back. Helm release records (`helm.sh/release.v1`) are skipped: not credentials.
 *
 * Left not stated: principal_type, owner, team, environments (a namespace name is not proof; mapping rules
 * on `account` decide), agent_accessible, allowed_operations (RBAC grants them), rotation, use, storage.
 */

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
const SA_NAME = "kubernetes.io/service-account.name";
const LAST_USED = "kubernetes.io/legacy-token-last-used";
const INVALID_SINCE = "kubernetes.io/legacy-token-invalid-since";
const MAX_YAML_CHARS = 64 * 1024 * 1024;
/**
 * The largest Secret the API server stores, as kubectl prints it: 1 MiB of data (4/3 of that in base64) and 256 KiB
 * of annotations (JSON-escaped, up to twice that), with room for the rest. The generic bound for one element (1 Mi
 * characters) refused a Helm release record near 1 MiB, and with it the whole List.
 */
const MAX_SECRET_JSON_CHARS = 4 << 20;
const SKIPPED_TYPES = new Set(["helm.sh/release.v1"]);

const KIND_BY_TYPE: Record<string, CredentialFields["kind"]> = {
  "kubernetes.io/service-account-token": "api_token",
  "bootstrap.kubernetes.io/token": "api_token",
  "kubernetes.io/ssh-auth": "ssh_key",
};

/**
 * Runs inside JSON.parse: values are dropped before the parsed object exists for anyone to read. Every
 * `data`/`stringData` key goes, at any depth, so a malformed Secret (no metadata, wrong nesting) cannot keep
 * its values; losing a label that happens to be called `data` is the price.
 */
export function dropSecretValues(key: string, value: unknown): unknown {
  if (key === "data" || key === "stringData" || key === LAST_APPLIED) return undefined;
  return value;
}

function secretItem(where: RowLocation, secret: Record<string, unknown>, seen: DuplicateIds): ImportItem | undefined {
  const fail = (field: string, reason: string): ImportItem => rejectedRow(where, { field, reason });
  const kind = at(secret, "kind");
  if (kind !== undefined && kind !== "Secret") return fail("kind", "expected a Secret (or a List of them)");
  const name = optString(secret, "metadata.name");
  if (!name.ok || !name.value) return fail("metadata.name", name.ok ? "required" : name.reason);
  const namespace = optString(secret, "metadata.namespace");
  if (!namespace.ok || !namespace.value) return fail("metadata.namespace", namespace.ok ? "required" : namespace.reason);
  const type = optString(secret, "type");
  if (!type.ok) return fail("type", type.reason);
  const secretType = type.value ?? "Opaque"; // the API server's default type
  if (SKIPPED_TYPES.has(secretType)) return undefined;
  const annotations = optStringMap(secret, "metadata.annotations");
  const labels = optStringMap(secret, "metadata.labels");
  const draft = new RecordDraft(where, `${namespace.value}/${name.value}`)
    .set("provider", "kubernetes", "kind")
    .set("kind", KIND_BY_TYPE[secretType] ?? "other", "type")
    .set("name", name.value, "metadata.name")
    .set("account", namespace.value, "metadata.namespace")
    .setParsed("public_id", optString(secret, "metadata.uid"), "metadata.uid")
    .setParsed("created_at", optDate(secret, "metadata.creationTimestamp"), "metadata.creationTimestamp");
  if (!annotations.ok) draft.fail("metadata.annotations", annotations.reason);
  if (!labels.ok) draft.fail("metadata.labels", labels.reason);
  if (secretType === "kubernetes.io/service-account-token") {
    draft.set("expires_at", null, "type");
    const account = annotations.ok ? annotations.value?.[SA_NAME] : undefined;
    // Kubernetes' own username for a service account, so RBAC subjects and audit logs match it.
    const principal = account ? `system:serviceaccount:${namespace.value}:${account}` : undefined;
    draft.set("principal", principal, `metadata.annotations.${SA_NAME}`);
    if (labels.ok) legacyTokenTracking(draft, labels.value ?? {});
  }
  const labelTags = Object.entries(labels.ok ? (labels.value ?? {}) : {}).map(([k, v]) => (v ? `${k}=${v}` : k));
  draft.set("tags", [`secret-type:${secretType}`, ...labelTags], "type");
  return draft.finish({ seen, field: "metadata.name" });
}

/** The control plane's legacy-token labels (dates, `YYYY-MM-DD`); tokens from before 1.29 carry neither. */
function legacyTokenTracking(draft: RecordDraft, labels: Record<string, string>): void {
  const lastUsed = labels[LAST_USED];
  if (lastUsed !== undefined) draft.setParsed("last_used_at", parseDate(lastUsed), `metadata.labels.${LAST_USED}`);
  const invalidSince = labels[INVALID_SINCE];
  if (invalidSince === undefined) return;
  const since = parseDate(invalidSince);
  if (!since.ok) draft.fail(`metadata.labels.${INVALID_SINCE}`, since.reason);
  else draft.set("status", "disabled", `metadata.labels.${INVALID_SINCE}`);
}

/** kubectl prints JSON (`{`) or YAML (anything else); an empty upload goes the JSON way and yields nothing. */
async function secretObjects(input: AsyncIterable<Uint8Array>, options: ImportOptions): Promise<AsyncGenerator<JsonElement>> {
  const { head, input: src } = await sniffHead(input);
  const shared = { listKey: "items", reviver: dropSecretValues };
  if (head === "" || head.startsWith("{") || head.startsWith("[")) {
    return readJsonObjects(src, { ...shared, maxElementChars: options.maxRecordChars ?? MAX_SECRET_JSON_CHARS });
  }
  const tooLarge = "YAML larger than 64 MiB: export with -o json, which is read as a stream";
  return readYamlObjects(src, { ...shared, maxChars: MAX_YAML_CHARS, tooLarge });
}

export async function* parseK8sSecrets(
  input: AsyncIterable<Uint8Array>,
  options: ImportOptions = {},
): AsyncGenerator<ImportItem> {
  const seen = new DuplicateIds();
  for await (const element of await secretObjects(input, options)) {
    if ("error" in element) yield element;
    else {
      const item = secretItem(locationOf(element), element.value, seen);
      if (item) yield item;
    }
  }
}

export const k8sSecretsImporter: CredentialImporter = {
  format: "k8s-secrets",
  description: "Kubernetes Secrets metadata (kubectl get secrets -o json or -o yaml); secret values are discarded unread.",
  fileTypes: [".json", ".yaml", ".yml", "application/json", "application/yaml"],
  parse: parseK8sSecrets,
};
