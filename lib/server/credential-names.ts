import "server-only";
import { inArray } from "drizzle-orm";
import { credentials } from "@/db/schema";
import { mentionedCredentialIds, type NamedCredential } from "@/lib/domain/credential-mentions";
import { db } from "./db";
import { can } from "./permissions";
import { inTeamScope, type Viewer } from "./viewer";

/**
 * For the texts (flag and rule reasons), a lookup of the credentials one of them names by id, with the name the
 * inventory lists each by, so a reason can be shown with names. Only credentials the viewer may open are named; any
 * other keeps its id, as the reason was written. One query for all the texts of a page.
 */
export async function credentialNamer(viewer: Viewer, texts: readonly string[]): Promise<(text: string) => NamedCredential[]> {
  const ids = [...new Set(texts.flatMap(mentionedCredentialIds))];
  if (ids.length === 0 || !can(viewer, "credential:read")) return () => [];
  const rows = await db()
    .select({ id: credentials.id, name: credentials.name, externalId: credentials.externalId, teamId: credentials.teamId })
    .from(credentials)
    .where(inArray(credentials.id, ids));
  const named = rows.filter((r) => inTeamScope(viewer, r.teamId)).map((r) => ({ id: r.id, name: r.name ?? r.externalId }));
  return (text) => {
    const mentioned = mentionedCredentialIds(text);
    return named.filter((c) => mentioned.includes(c.id));
  };
}
