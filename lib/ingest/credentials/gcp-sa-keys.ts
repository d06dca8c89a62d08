import { locationOf, rejectedRow, type RowLocation } from "../row-error";
import { readJsonObjects } from "./json-elements";
import { optBoolean, optDate, optString } from "./json-fields";
import { DuplicateIds, RecordDraft } from "./record-draft";
import { type CredentialImporter, DEFAULT_MAX_RECORD_CHARS, type ImportItem, type ImportOptions } from "./types";

/**
 * GCP service-account keys (`gcloud iam service-accounts keys list --format=json`, the ServiceAccountKey
 * resource): one credential per user-managed key. System-managed keys are skipped: Google holds and rotates
 * their private half, so there is no secret anyone could leak.
 *
 * Left not stated: principal_type (a service account may well be an agent's identity: mapping rules decide),
 * owner, team, environments, agent_accessible, allowed_operations and scopes (granted by IAM policy, not on
 * the key), last use, storage.
 */

const KEY_NAME = /^projects\/([^/]+)\/serviceAccounts\/([^/]+)\/keys\/([^/]+)$/;
/** The API's way of saying "no expiry". */
const NO_EXPIRY = "9999-12-31T23:59:59.000Z";
const KEY_TYPES = ["USER_MANAGED", "SYSTEM_MANAGED"];

/** Key material would only appear in `keys create` output; it is dropped during parsing, never read. */
export function dropKeyMaterial(key: string, value: unknown): unknown {
  return key === "privateKeyData" ? undefined : value;
}

function keyItem(where: RowLocation, key: Record<string, unknown>, seen: DuplicateIds): ImportItem | undefined {
  const fail = (field: string, reason: string): ImportItem => rejectedRow(where, { field, reason });
  const name = optString(key, "name");
  if (!name.ok || name.value === undefined) return fail("name", name.ok ? "required" : name.reason);
  const parts = KEY_NAME.exec(name.value);
  if (!parts) return fail("name", "expected projects/<project>/serviceAccounts/<email>/keys/<key id>");
  const [, project, email, keyId] = parts as unknown as [string, string, string, string];
  const keyType = optString(key, "keyType");
  if (!keyType.ok || keyType.value === undefined || !KEY_TYPES.includes(keyType.value)) {
    return fail("keyType", keyType.ok ? `expected one of: ${KEY_TYPES.join(", ")}` : keyType.reason);
  }
  if (keyType.value === "SYSTEM_MANAGED") return undefined;
  const validBefore = optDate(key, "validBeforeTime");
  const expires = validBefore.ok && validBefore.value === NO_EXPIRY ? { ok: true as const, value: null } : validBefore;
  const disabled = optBoolean(key, "disabled");
  const origin = optString(key, "keyOrigin");
  const draft = new RecordDraft(where, name.value)
    .set("provider", "gcp", "name")
    .set("kind", "service_account_key", "keyType")
    .set("name", `${email} key ${keyId}`, "name")
    .set("principal", email, "name")
    .set("public_id", keyId, "name")
    .set("account", project === "-" ? undefined : project, "name")
    .setParsed("created_at", optDate(key, "validAfterTime"), "validAfterTime")
    .setParsed("expires_at", expires, "validBeforeTime");
  if (!disabled.ok) draft.fail("disabled", disabled.reason);
  // The API omits `disabled` for enabled keys, so absent means active here rather than "not stated".
  else draft.set("status", disabled.value === true ? "disabled" : "active", "disabled");
  if (!origin.ok) draft.fail("keyOrigin", origin.reason);
  else if (origin.value) draft.set("tags", [`key-origin:${origin.value.toLowerCase()}`], "keyOrigin");
  return draft.finish({ seen, field: "name" });
}

export async function* parseGcpServiceAccountKeys(
  input: AsyncIterable<Uint8Array>,
  options: ImportOptions = {},
): AsyncGenerator<ImportItem> {
  const seen = new DuplicateIds();
  const maxElementChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  // gcloud prints an array of keys; the REST API answers {"keys": […]}, or {} for an account without keys.
  for await (const element of readJsonObjects(input, { maxElementChars, reviver: dropKeyMaterial, listKey: "keys" })) {
    if ("error" in element) yield element;
    else if (Object.keys(element.value).length > 0) {
      const item = keyItem(locationOf(element), element.value, seen);
      if (item) yield item;
    }
  }
}

export const gcpServiceAccountKeysImporter: CredentialImporter = {
  format: "gcp-sa-keys",
  description: "GCP service-account keys (gcloud iam service-accounts keys list --format=json, or the REST API's keys.list response): user-managed keys.",
  fileTypes: [".json", "application/json"],
  parse: parseGcpServiceAccountKeys,
};
