import { instantFromUnixSeconds } from "@/lib/domain/credential-date";
import { fingerprintSecret } from "@/lib/scanner/fingerprint";
import { locationOf, rejectedRow, type RowLocation } from "../row-error";
import { readJsonObjects } from "./json-elements";
import { at, optBoolean, optDate, optNumber, optString, optStringArray } from "./json-fields";
import { DuplicateIds, RecordDraft } from "./record-draft";
import { type CredentialImporter, DEFAULT_MAX_RECORD_CHARS, type ImportItem, type ImportOptions } from "./types";
import type { Parsed } from "./values";

/**
 * HashiCorp Vault token lookups (`vault token lookup -format=json`): one response object, an array of them,
 * or one per line; the bare `data` object is accepted too. Identity is the token accessor, which Vault shows
 * without revealing the token.
 *
 * `data.id` is the token itself. It is taken out while the JSON is parsed, fingerprinted if the instance key
 * was given, and forgotten: no importer code, record or error ever holds it. A lookup by accessor prints an
 * empty id, which is simply absent.
 *
 * Left not stated: principal_type, owner, team, environments, agent_accessible, allowed_operations (policies
 * grant them, but their rules are not in the lookup), last use, storage, account.
 */

function fingerprintPolicy(options: ImportOptions) {
  let carried: string | undefined;
  function reviver(this: unknown, key: string, value: unknown): unknown {
    const holder = this as Record<string, unknown>;
    if (key === "id" && typeof value === "string" && typeof holder === "object" && "accessor" in holder) {
      carried = value;
      return undefined;
    }
    // Not part of a lookup, but a `token create` response pasted by mistake carries the token here.
    if (key === "client_token") return undefined;
    return value;
  }
  /** The fingerprint of the token parsed last (if any), clearing it from memory the reviver kept it in. */
  function take(): string | undefined {
    const secret = carried;
    carried = undefined;
    if (!secret || options.fingerprintKey === undefined) return undefined;
    return fingerprintSecret(secret, options.fingerprintKey);
  }
  return { reviver, take };
}

/** `expire_time: null` with `ttl: 0` is Vault's "never expires" (root tokens); absent stays not stated. */
function expiry(data: unknown): Parsed<string | null | undefined> {
  const raw = at(data, "expire_time");
  if (raw !== undefined && raw !== null) return optDate(data, "expire_time");
  const ttl = at(data, "ttl");
  const never = ttl === 0 || (raw === null && ttl === undefined);
  return { ok: true, value: never ? null : undefined };
}

/** `issue_time` (RFC 3339), else `creation_time` (Unix seconds). */
function issued(data: unknown): Parsed<string | undefined> {
  const issue = optDate(data, "issue_time");
  if (!issue.ok || issue.value !== undefined) return issue;
  const created = optNumber(data, "creation_time");
  if (!created.ok) return created;
  return created.value === undefined ? { ok: true, value: undefined } : instantFromUnixSeconds(created.value);
}

/** Batch tokens are built without an accessor; naming one by the token itself would store a secret. */
const BATCH_HAS_NO_ACCESSOR =
  "required, but batch tokens have none: only service tokens can be inventoried (batch tokens are short-lived by design)";

function tokenItem(
  where: RowLocation,
  response: Record<string, unknown>,
  fingerprint: string | undefined,
  seen: DuplicateIds,
): ImportItem {
  const data = typeof response.data === "object" && response.data !== null ? response.data : response;
  const prefix = data === response ? "" : "data.";
  const accessor = optString(data, "accessor");
  if (!accessor.ok || accessor.value === undefined) {
    const batch = at(data, "type") === "batch";
    const reason = !accessor.ok ? accessor.reason : batch ? BATCH_HAS_NO_ACCESSOR : "required";
    return rejectedRow(where, { field: `${prefix}accessor`, reason });
  }
  const draft = new RecordDraft(where, accessor.value)
    .set("provider", "vault", `${prefix}accessor`)
    .set("kind", "api_token", `${prefix}accessor`)
    .set("public_id", accessor.value, `${prefix}accessor`)
    .set("status", "active", `${prefix}accessor`) // a lookup only succeeds for a live token
    .set("fingerprint", fingerprint, `${prefix}id`)
    .setParsed("name", optString(data, "display_name"), `${prefix}display_name`)
    .setParsed("principal", optString(data, "display_name"), `${prefix}display_name`)
    .setParsed("created_at", issued(data), `${prefix}issue_time`)
    .setParsed("expires_at", expiry(data), `${prefix}expire_time`);
  const policies = optStringArray(data, "policies");
  const identity = optStringArray(data, "identity_policies");
  if (!policies.ok) draft.fail(`${prefix}policies`, policies.reason);
  else if (!identity.ok) draft.fail(`${prefix}identity_policies`, identity.reason);
  else if (policies.value || identity.value) {
    const names = [...new Set([...(policies.value ?? []), ...(identity.value ?? [])])];
    draft.set("scopes", names.map((p) => `policy:${p}`), `${prefix}policies`);
  }
  const tags: string[] = [];
  for (const flag of ["orphan", "renewable"] as const) {
    const value = optBoolean(data, flag);
    if (!value.ok) draft.fail(`${prefix}${flag}`, value.reason);
    else if (value.value) tags.push(flag);
  }
  const type = optString(data, "type");
  if (type.ok && type.value) tags.push(`token-type:${type.value}`);
  if (tags.length) draft.set("tags", tags, `${prefix}orphan`);
  return draft.finish({ seen, field: `${prefix}accessor` });
}

export async function* parseVaultTokenLookup(
  input: AsyncIterable<Uint8Array>,
  options: ImportOptions = {},
): AsyncGenerator<ImportItem> {
  const seen = new DuplicateIds();
  const secrets = fingerprintPolicy(options);
  const maxElementChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  for await (const element of readJsonObjects(input, { maxElementChars, reviver: secrets.reviver })) {
    const fingerprint = secrets.take();
    yield "error" in element ? element : tokenItem(locationOf(element), element.value, fingerprint, seen);
  }
}

export const vaultTokenLookupImporter: CredentialImporter = {
  format: "vault-token-lookup",
  description: "HashiCorp Vault token lookups (vault token lookup -format=json), one or many: one per accessor.",
  fileTypes: [".json", ".ndjson", "application/json"],
  parse: parseVaultTokenLookup,
};
