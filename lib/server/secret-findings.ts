import "server-only";
import { and, desc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { corpora, credentials, scanRunFindings, secretFindings, secretLocations } from "@/db/schema";
import { secretFindingQuerySchema, type ScanOutcome, type SecretFindingDto, type SecretFindingQuery } from "@/lib/domain/scan";
import { db } from "./db";
import { notFound, parseInput } from "./errors";
import { requirePermission, teamScope, type Viewer } from "./viewer";

/**
 * Engineers see a secret finding when it exposes one of their teams' credentials or sits in a corpus their team
 * owns; admins and auditors see all.
 */
export function secretFindingScope(viewer: Viewer): SQL | undefined {
  const teams = teamScope(viewer);
  if (teams === "all") return undefined;
  if (!teams.length) return sql`false`;
  return or(inArray(credentials.teamId, teams), inArray(corpora.teamId, teams));
}

function base() {
  return db()
    .select({ finding: secretFindings, corpus: corpora, credentialName: credentials.name })
    .from(secretFindings)
    .innerJoin(corpora, eq(corpora.id, secretFindings.corpusId))
    .leftJoin(credentials, eq(credentials.id, secretFindings.credentialId));
}

type Joined = Awaited<ReturnType<ReturnType<typeof base>["where"]>>[number];

async function locationsOf(ids: string[]): Promise<Map<string, SecretFindingDto["locations"]>> {
  const byFinding = new Map<string, SecretFindingDto["locations"]>();
  if (!ids.length) return byFinding;
  const rows = await db().select().from(secretLocations).where(inArray(secretLocations.findingId, ids)).orderBy(secretLocations.file, secretLocations.line);
  for (const r of rows) {
    const list = byFinding.get(r.findingId) ?? [];
    list.push({ file: r.file, line: r.line, column: r.column, context: r.context, inTestPath: r.inTestPath });
    byFinding.set(r.findingId, list);
  }
  return byFinding;
}

function toDto(row: Joined, locations: SecretFindingDto["locations"]): SecretFindingDto {
  const f = row.finding;
  return {
    id: f.id,
    corpus: { id: row.corpus.id, name: row.corpus.name, agentReadable: row.corpus.agentReadable, readers: row.corpus.readers },
    detector: f.detector,
    kind: f.kind,
    provider: f.provider,
    title: f.title,
    confidence: f.confidence,
    severity: f.severity,
    preview: f.preview,
    fingerprint: f.fingerprint,
    publicId: f.publicId,
    credential: f.credentialId ? { id: f.credentialId, name: row.credentialName } : null,
    allowed: f.allowed,
    firstSeenAt: f.firstSeenAt.toISOString(),
    lastSeenAt: f.lastSeenAt.toISOString(),
    resolvedAt: f.resolvedAt?.toISOString() ?? null,
    locations,
  };
}

/** Exposures the scan run did one of `outcomes` to (scan_run_findings), as its counts count them. */
function byScan(runId: string, outcomes: ScanOutcome[]): SQL {
  const o = scanRunFindings;
  return sql`${secretFindings.id} in (select ${o.findingId} from ${o} where ${o.runId} = ${runId}::uuid and ${inArray(o.outcome, outcomes)})`;
}

/** Permission: scan:read, team-scoped. One row per exposed secret, with its locations. */
export async function listSecretFindings(viewer: Viewer, query: SecretFindingQuery): Promise<SecretFindingDto[]> {
  requirePermission(viewer, "scan:read");
  const q = parseInput(secretFindingQuerySchema, query);
  const where = [
    secretFindingScope(viewer),
    q.corpusId ? eq(secretFindings.corpusId, q.corpusId) : undefined,
    q.kind ? eq(secretFindings.kind, q.kind) : undefined,
    q.agentReadable ? eq(corpora.agentReadable, q.agentReadable === "true") : undefined,
    q.matched ? (q.matched === "true" ? isNotNull(secretFindings.credentialId) : isNull(secretFindings.credentialId)) : undefined,
    q.status === "open" ? isNull(secretFindings.resolvedAt) : q.status === "resolved" ? isNotNull(secretFindings.resolvedAt) : undefined,
    q.credentialId ? eq(secretFindings.credentialId, q.credentialId) : undefined,
    q.seenByScan ? byScan(q.seenByScan, ["seen", "opened"]) : undefined,
    q.openedByScan ? byScan(q.openedByScan, ["opened"]) : undefined,
    q.resolvedByScan ? byScan(q.resolvedByScan, ["resolved"]) : undefined,
  ];
  const rows = await base().where(and(...where)).orderBy(desc(secretFindings.lastSeenAt)).limit(q.limit);
  const locations = await locationsOf(rows.map((r) => r.finding.id));
  return rows.map((r) => toDto(r, locations.get(r.finding.id) ?? []));
}

/** Permission: scan:read. Outside the engineer's scope it is not found. */
export async function getSecretFinding(viewer: Viewer, id: string): Promise<SecretFindingDto> {
  requirePermission(viewer, "scan:read");
  const [row] = await base().where(and(eq(secretFindings.id, id), secretFindingScope(viewer)));
  if (!row) throw notFound("Secret finding");
  return toDto(row, (await locationsOf([id])).get(id) ?? []);
}
