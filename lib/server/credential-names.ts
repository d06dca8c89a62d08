import "server-only";
import { inArray, sql } from "drizzle-orm";
import { credentials } from "@/db/schema";
import { mentionedCredentialIds, type NamedCredential } from "@/lib/domain/credential-mentions";
import { db } from "./db";
import { versionValidAt } from "./credential-rows";
import { can } from "./permissions";
import { rowsOf, textArray } from "./sql-rows";
import { inTeamScope, type Viewer } from "./viewer";

/** Of the credentials some texts name, the ones each text names. */
export type CredentialNamer = (text: string) => NamedCredential[];

type NamedRow = NamedCredential & { teamId: string | null };

/**
 * The credentials the texts name by id, each by the name the inventory lists it by (its name, else its id in the
 * source): as it stands now, or as of `at`, from the version valid then (what an evidence package of that instant
 * lists in its inventory, and nothing learnt after it).
 */
async function credentialsNamedIn(texts: readonly string[], at?: Date): Promise<NamedRow[]> {
  const ids = [...new Set(texts.flatMap(mentionedCredentialIds))];
  if (ids.length === 0) return [];
  if (!at) {
    const rows = await db()
      .select({ id: credentials.id, name: credentials.name, externalId: credentials.externalId, teamId: credentials.teamId })
      .from(credentials)
      .where(inArray(credentials.id, ids));
    return rows.map((r) => ({ id: r.id, name: r.name ?? r.externalId, teamId: r.teamId }));
  }
  return rowsOf<NamedRow>(db(), sql`
    select v.credential_id as id, coalesce(v.data->>'name', v.data->>'external_id') as name, c.team_id as "teamId"
    from credential_versions v join credentials c on c.id = v.credential_id
    where v.credential_id = any(${textArray(ids)}::uuid[]) and ${versionValidAt("v", at)}`);
}

function namerOf(named: readonly NamedCredential[]): CredentialNamer {
  // Most batches of an evidence package name no credential: their reasons are not read a second time.
  if (named.length === 0) return () => [];
  const byId = new Map(named.map((c) => [c.id, c]));
  return (text) => [...new Set(mentionedCredentialIds(text))].flatMap((id) => byId.get(id) ?? []);
}

/**
 * For the texts (flag and rule reasons), a lookup of the credentials one of them names by id, with the name the
 * inventory lists each by, so a reason can be shown with names. Only credentials the viewer may open are named; any
 * other keeps its id, as the reason was written. One query for all the texts of a page.
 */
export async function credentialNamer(viewer: Viewer, texts: readonly string[]): Promise<CredentialNamer> {
  if (!can(viewer, "credential:read")) return () => [];
  const named = await credentialsNamedIn(texts);
  return namerOf(named.filter((r) => inTeamScope(viewer, r.teamId)).map(({ id, name }) => ({ id, name })));
}

/**
 * The same lookup for an evidence package's reasons, one batch of them at a time: every credential they name, as
 * the package's inventory lists it at its instant. No viewer: whoever builds a package (evidence:build, checked by the
 * builder) gets the same bytes, and its inventory lists every credential.
 */
export async function credentialNamerAt(texts: readonly string[], at: Date): Promise<CredentialNamer> {
  return namerOf(await credentialsNamedIn(texts, at));
}
