import "server-only";
import { inArray, or, sql, type SQL } from "drizzle-orm";
import { credentials } from "@/db/schema";
import type { Tx } from "./inventory-writer";
import { rowsOf, textArray } from "./sql-rows";

/** What ties an exposed secret to an inventory credential: its keyed fingerprint, and a public id (an AWS access key id) where it has one. */
export type SecretKeys = { fingerprint: string | null; publicId: string | null };

function keyLists(secrets: readonly SecretKeys[]): { fingerprints: string[]; publicIds: string[] } {
  const present = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))];
  return { fingerprints: present(secrets.map((s) => s.fingerprint)), publicIds: present(secrets.map((s) => s.publicId)) };
}

/**
 * The inventory credential each secret is, read once for them all: the one registered under its fingerprint, else
 * the one under its public id. A scan matches what it saw with it, and the inventory links what it registers after a
 * scan with it, so an exposure is matched the same whichever came first.
 */
export async function credentialMatcher(tx: Tx, secrets: readonly SecretKeys[]): Promise<(secret: SecretKeys) => string | null> {
  const { fingerprints, publicIds } = keyLists(secrets);
  const conditions: SQL[] = [];
  if (fingerprints.length) conditions.push(inArray(credentials.fingerprint, fingerprints));
  if (publicIds.length) conditions.push(inArray(credentials.publicId, publicIds));
  const rows = conditions.length ? await tx.select({ id: credentials.id, fingerprint: credentials.fingerprint, publicId: credentials.publicId }).from(credentials).where(or(...conditions)) : [];
  const byFp = new Map(rows.filter((r) => r.fingerprint).map((r) => [r.fingerprint!, r.id]));
  const byPublic = new Map(rows.filter((r) => r.publicId).map((r) => [r.publicId!, r.id]));
  return (s) => (s.fingerprint ? byFp.get(s.fingerprint) : undefined) ?? (s.publicId ? byPublic.get(s.publicId) : undefined) ?? null;
}

type Unmatched = { id: string; fingerprint: string; public_id: string | null };

/**
 * Links the exposures no credential was matched to when they were scanned, open or resolved, whose secret is one of
 * these newly registered credentials' (by fingerprint or public id), in the caller's transaction; returns how many
 * it linked. Whatever team owns the credential or the corpus: an exposure is the secret's, and who may read it is
 * decided when it is listed (secretFindingScope). An exposure already matched keeps its credential.
 */
export async function linkUnmatchedExposures(tx: Tx, registered: readonly SecretKeys[]): Promise<number> {
  const { fingerprints, publicIds } = keyLists(registered);
  if (!fingerprints.length && !publicIds.length) return 0;
  const unmatched = await rowsOf<Unmatched>(tx, sql`
    select id, fingerprint, public_id from secret_findings
    where credential_id is null and (fingerprint = any(${textArray(fingerprints)}) or public_id = any(${textArray(publicIds)}))`);
  if (!unmatched.length) return 0;
  const credentialOf = await credentialMatcher(tx, unmatched.map((f) => ({ fingerprint: f.fingerprint, publicId: f.public_id })));
  const links = unmatched.flatMap((f) => {
    const credentialId = credentialOf({ fingerprint: f.fingerprint, publicId: f.public_id });
    return credentialId ? [{ id: f.id, credentialId }] : [];
  });
  if (!links.length) return 0;
  // Still unmatched: a scan recorded meanwhile has matched it itself.
  const linked = await rowsOf<{ id: string }>(tx, sql`
    update secret_findings f set credential_id = x."credentialId"
    from jsonb_to_recordset(${JSON.stringify(links)}::jsonb) as x(id uuid, "credentialId" uuid)
    where f.id = x.id and f.credential_id is null
    returning f.id`);
  return linked.length;
}
