import { locationOf, rejectedRow, type RowLocation } from "../row-error";
import { readJsonObjects } from "./json-elements";
import { at, optDate, optString } from "./json-fields";
import { DuplicateIds, RecordDraft } from "./record-draft";
import { type CredentialImporter, DEFAULT_MAX_RECORD_CHARS, type ImportItem, type ImportOptions } from "./types";

/**
 * AWS IAM access keys as `aws iam list-access-keys [--user-name NAME]` prints them:
 * `{"AccessKeyMetadata": [{"UserName", "AccessKeyId", "Status": "Active"|"Inactive", "CreateDate"}], "IsTruncated", "Marker"?}`.
 * Outputs for several users (a shell loop) may follow one another or be gathered in an array, and a bare array of
 * keys (`--query AccessKeyMetadata`) is read too. The access key id is the credential: it is what CloudTrail names,
 * so events resolve to it (public_id), and it is stable while the key exists (external_id). An Inactive key is
 * disabled, as in the credential report: it can be made active again, unlike a deleted one, which the output omits.
 *
 * Left not stated (the output does not say): account (there is no ARN), principal_type, owner, team, environments,
 * agent_accessible, allowed_operations, scopes, expiry (IAM access keys have none), last use (`aws iam
 * get-access-key-last-used` tells that, per key), storage.
 */

const LIST = "AccessKeyMetadata";
/** IAM's AccessKeyId: 16 to 128 word characters. */
const ACCESS_KEY_ID = /^\w{16,128}$/;
const STATUSES: Record<string, "active" | "disabled"> = { Active: "active", Inactive: "disabled" };
const NOT_AN_OUTPUT = `expected an access key or the output of aws iam list-access-keys (an object with ${LIST})`;

function keyItem(where: RowLocation, key: Record<string, unknown>, column: (name: string) => string, seen: DuplicateIds): ImportItem {
  const keyId = at(key, "AccessKeyId");
  if (typeof keyId !== "string" || !ACCESS_KEY_ID.test(keyId)) {
    return rejectedRow(where, { field: column("AccessKeyId"), reason: "required: the key's id, 16 to 128 letters, digits or _" });
  }
  const user = optString(key, "UserName");
  const status = at(key, "Status");
  const draft = new RecordDraft(where, keyId)
    .set("provider", "aws", column("AccessKeyId"))
    .set("kind", "access_key", column("AccessKeyId"))
    .set("public_id", keyId, column("AccessKeyId"))
    .setParsed("principal", user, column("UserName"))
    .set("name", user.ok && user.value ? `${user.value} access key ${keyId}` : `access key ${keyId}`, column("UserName"))
    .setParsed("created_at", optDate(key, "CreateDate"), column("CreateDate"));
  if (typeof status !== "string" || !Object.hasOwn(STATUSES, status)) draft.fail(column("Status"), "expected Active or Inactive");
  else draft.set("status", STATUSES[status], column("Status"));
  return draft.finish({ seen, field: column("AccessKeyId") });
}

/** The keys of one element: a whole output (its list, and a refusal of a listing cut short), or one bare key. */
function elementItems(where: RowLocation, output: Record<string, unknown>, seen: DuplicateIds): ImportItem[] {
  if (!Object.hasOwn(output, LIST)) {
    if (!Object.hasOwn(output, "AccessKeyId")) return [rejectedRow(where, { reason: NOT_AN_OUTPUT })];
    return [keyItem(where, output, (name) => name, seen)];
  }
  const keys = output[LIST];
  if (!Array.isArray(keys)) return [rejectedRow(where, { field: LIST, reason: "expected an array of access keys" })];
  const items = keys.map((key: unknown, i): ImportItem => {
    if (typeof key === "object" && key !== null && !Array.isArray(key)) return keyItem(where, key as Record<string, unknown>, (name) => `${LIST}[${i}].${name}`, seen);
    return rejectedRow(where, { field: `${LIST}[${i}]`, reason: "expected an access key (an object)" });
  });
  // A cut-short listing (--max-items, --no-paginate) omits keys: refused, so a full import cannot mark them missing.
  if (output.IsTruncated === true) {
    items.push(rejectedRow(where, { field: "IsTruncated", reason: "the listing is incomplete: list again without --max-items or --no-paginate" }));
  }
  return items;
}

export async function* parseAwsAccessKeys(input: AsyncIterable<Uint8Array>, options: ImportOptions = {}): AsyncGenerator<ImportItem> {
  const seen = new DuplicateIds();
  for await (const element of readJsonObjects(input, { maxElementChars: options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS })) {
    if ("error" in element) yield element;
    else yield* elementItems(locationOf(element), element.value, seen);
  }
}

export const awsAccessKeysImporter: CredentialImporter = {
  format: "aws-access-keys",
  description: "AWS IAM access keys (aws iam list-access-keys output, one user's or several, concatenated or in an array).",
  fileTypes: [".json", "application/json"],
  parse: parseAwsAccessKeys,
};
