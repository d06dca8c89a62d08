import { locationOf, rejectedRow, type RowLocation } from "../row-error";
import { readJsonObjects } from "./json-elements";
import { at, optBoolean, optDate, optString, optStringMap } from "./json-fields";
import { DuplicateIds, RecordDraft } from "./record-draft";
import { type CredentialImporter, DEFAULT_MAX_RECORD_CHARS, type ImportItem, type ImportOptions } from "./types";
import type { Parsed } from "./values";

/**
 * GitHub fine-grained personal access tokens with access to an organization (REST
 * `GET /orgs/{org}/personal-access-tokens`, an array of programmatic-access grants). One credential per token.
 * `gh api --paginate` prints one array per page back to back, and `--slurp` wraps the pages in one array:
 * both are read as the grants they hold.
 *
 * Permissions become scopes (`repository.contents:write`) and a conservative operation allowlist: any write
 * lets a token change things, contents:write can delete branches and files, administration:write can delete
 * repositories, and actions/deployments/environments:write can deploy. Overstating what a token can do only
 * raises a finding; understating it would hide a destructive agent credential.
 *
 * Left not stated: principal_type (a machine user looks like any user), team, owner_email, environments,
 * agent_accessible, created_at (the grant time is not the token's creation), storage, account.
 */

const LEVELS = ["read", "write", "admin"];
const GROUPS = ["organization", "repository", "other"];
const DEPLOY_PERMISSIONS = new Set(["actions", "deployments", "environments"]);

type Permission = { group: string; name: string; level: string };

type Permissions = { ok: true; value: Permission[] | undefined } | { ok: false; reason: string; field: string };

function readPermissions(grant: Record<string, unknown>): Permissions {
  const raw = at(grant, "permissions");
  if (raw === undefined || raw === null) return { ok: true, value: undefined };
  const out: Permission[] = [];
  for (const group of GROUPS) {
    const map = optStringMap(grant, `permissions.${group}`);
    if (!map.ok) return { ...map, field: `permissions.${group}` };
    for (const [name, level] of Object.entries(map.value ?? {})) {
      if (!LEVELS.includes(level)) {
        return { ok: false, reason: `expected one of: ${LEVELS.join(", ")}`, field: `permissions.${group}.${name}` };
      }
      out.push({ group, name, level });
    }
  }
  return { ok: true, value: out };
}

export function operationsFor(permissions: Permission[]): string[] {
  const ops = new Set<string>();
  for (const { group, name, level } of permissions) {
    ops.add("read");
    if (level === "read") continue;
    ops.add("write");
    if (level === "admin") ops.add("admin");
    if (group === "repository" && name === "administration") ops.add("admin").add("delete");
    if (group === "repository" && name === "contents") ops.add("delete");
    if (group === "repository" && DEPLOY_PERMISSIONS.has(name)) ops.add("deploy");
  }
  return [...ops].sort();
}

/** `null` is GitHub's stated "none" (no expiry, never used); an absent field stays not stated. */
function dateOrNull(grant: Record<string, unknown>, field: string): Parsed<string | null | undefined> {
  return at(grant, field) === null ? { ok: true, value: null } : optDate(grant, field);
}

function grantItem(where: RowLocation, grant: Record<string, unknown>, seen: DuplicateIds): ImportItem {
  const tokenId = at(grant, "token_id");
  if (typeof tokenId !== "number" || !Number.isInteger(tokenId)) {
    return rejectedRow(where, { field: "token_id", reason: "required: the token's numeric id" });
  }
  const draft = new RecordDraft(where, String(tokenId))
    .set("provider", "github", "token_id")
    .set("kind", "pat", "token_id")
    .set("public_id", String(tokenId), "token_id")
    .setParsed("name", optString(grant, "token_name"), "token_name")
    .setParsed("principal", optString(grant, "owner.login"), "owner.login")
    .setParsed("expires_at", dateOrNull(grant, "token_expires_at"), "token_expires_at")
    .setParsed("last_used_at", dateOrNull(grant, "token_last_used_at"), "token_last_used_at");
  const expired = optBoolean(grant, "token_expired");
  if (!expired.ok) draft.fail("token_expired", expired.reason);
  else if (expired.value !== undefined) draft.set("status", expired.value ? "expired" : "active", "token_expired");
  const permissions = readPermissions(grant);
  const selection = optString(grant, "repository_selection");
  if (!permissions.ok) draft.fail(permissions.field, permissions.reason);
  else if (!selection.ok) draft.fail("repository_selection", selection.reason);
  else if (permissions.value) {
    const repoScope = selection.value ? [`repositories:${selection.value}`] : [];
    draft
      .set("scopes", [...repoScope, ...permissions.value.map((p) => `${p.group}.${p.name}:${p.level}`)], "permissions")
      .set("allowed_operations", operationsFor(permissions.value), "permissions");
  }
  return draft.finish({ seen, field: "token_id" });
}

export async function* parseGithubFineGrainedPats(
  input: AsyncIterable<Uint8Array>,
  options: ImportOptions = {},
): AsyncGenerator<ImportItem> {
  const seen = new DuplicateIds();
  const maxElementChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  for await (const element of readJsonObjects(input, { maxElementChars, pages: true })) {
    yield "error" in element ? element : grantItem(locationOf(element), element.value, seen);
  }
}

export const githubFineGrainedPatsImporter: CredentialImporter = {
  format: "github-fine-grained-pats",
  description: "GitHub organization fine-grained PATs (GET /orgs/{org}/personal-access-tokens): one per token.",
  fileTypes: [".json", "application/json"],
  parse: parseGithubFineGrainedPats,
};
