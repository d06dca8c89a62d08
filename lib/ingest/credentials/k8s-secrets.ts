import type { CredentialFields } from "@/lib/domain/credential";
import { readJsonObjects } from "./json-elements";
import { at, optDate, optString, optStringMap } from "./json-fields";
import { DuplicateIds, RecordDraft } from "./record-draft";
import { type CredentialImporter, DEFAULT_MAX_RECORD_CHARS, type ImportItem, type ImportOptions } from "./types";

/**
 * Kubernetes Secrets (`kubectl get secrets -o json`: a List, or one Secret): metadata only. Secret values
 * never reach this code: `data` and `stringData` are removed while the JSON is parsed, and so is kubectl's
 * last-applied-configuration annotation, which repeats the whole manifest including `data`.
 *
 * Service-account token secrets carry their service account as principal and never expire (the legacy
 * token secret has no expiry). Helm release records (`helm.sh/release.v1`) are skipped: not credentials.
 *
 * Left not stated: principal_type, owner, team, environments (a namespace name is not proof; mapping rules
 * on `account` decide), agent_accessible, allowed_operations (RBAC grants them), rotation, use, storage.
 */

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
const SA_NAME = "kubernetes.io/service-account.name";
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

function secretItem(line: number, secret: Record<string, unknown>, seen: DuplicateIds): ImportItem | undefined {
  const fail = (field: string, reason: string): ImportItem => ({ line, error: { line, field, reason } });
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
  const draft = new RecordDraft(line, `${namespace.value}/${name.value}`)
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
  }
  const labelTags = Object.entries(labels.ok ? (labels.value ?? {}) : {}).map(([k, v]) => (v ? `${k}=${v}` : k));
  draft.set("tags", [`secret-type:${secretType}`, ...labelTags], "type");
  return draft.finish({ seen, field: "metadata.name" });
}

export async function* parseK8sSecrets(
  input: AsyncIterable<Uint8Array>,
  options: ImportOptions = {},
): AsyncGenerator<ImportItem> {
  const seen = new DuplicateIds();
  const maxElementChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  for await (const element of readJsonObjects(input, { maxElementChars, listKey: "items", reviver: dropSecretValues })) {
    if ("error" in element) yield element;
    else {
      const item = secretItem(element.line, element.value, seen);
      if (item) yield item;
    }
  }
}

export const k8sSecretsImporter: CredentialImporter = {
  format: "k8s-secrets",
  description: "Kubernetes Secrets metadata (kubectl get secrets -o json); secret values are discarded unread.",
  fileTypes: [".json", "application/json"],
  parse: parseK8sSecrets,
};
