import "server-only";
import { and, count, eq, inArray, isNull } from "drizzle-orm";
import { corpora, credentials, secretFindings, teams } from "@/db/schema";
import { corpusCreateSchema, corpusUpdateSchema, type CorpusCreateInput, type CorpusDto, type CorpusUpdateInput } from "@/lib/domain/scan";
import { actorOf, appendAudit } from "./audit";
import { db } from "./db";
import { evaluateAfter } from "./evaluation";
import { AppError, notFound, parseInput } from "./errors";
import { isUuid } from "./ids";
import { secretFindingScope } from "./secret-findings";
import { requirePermission, type Viewer } from "./viewer";

type Row = typeof corpora.$inferSelect;

async function toDtos(viewer: Viewer, rows: Row[]): Promise<CorpusDto[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  // Counted within what the viewer may see, so the number matches the list behind it.
  const open = await db()
    .select({ corpusId: secretFindings.corpusId, n: count() })
    .from(secretFindings)
    .innerJoin(corpora, eq(corpora.id, secretFindings.corpusId))
    .leftJoin(credentials, eq(credentials.id, secretFindings.credentialId))
    .where(and(inArray(secretFindings.corpusId, ids), isNull(secretFindings.resolvedAt), secretFindingScope(viewer)))
    .groupBy(secretFindings.corpusId);
  const openBy = new Map(open.map((o) => [o.corpusId, Number(o.n)]));
  const teamRows = await db().select({ id: teams.id, name: teams.name }).from(teams);
  const teamBy = new Map(teamRows.map((t) => [t.id, t]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    agentReadable: r.agentReadable,
    readers: r.readers,
    team: r.teamId ? (teamBy.get(r.teamId) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
    lastScanAt: r.lastScanAt?.toISOString() ?? null,
    openFindings: openBy.get(r.id) ?? 0,
  }));
}

/** Permission: scan:read. Corpora are shared places (wikis, chat): every role sees the list; findings are scoped. */
export async function listCorpora(viewer: Viewer): Promise<CorpusDto[]> {
  requirePermission(viewer, "scan:read");
  return toDtos(viewer, await db().select().from(corpora).orderBy(corpora.name));
}

export async function corpusByIdOrName(idOrName: string): Promise<Row | null> {
  // Only a real UUID goes to the uuid column: 36 dashes would be a database error, not a name that is not found.
  const byId = isUuid(idOrName) ? eq(corpora.id, idOrName) : eq(corpora.name, idOrName);
  const [row] = await db().select().from(corpora).where(byId);
  return row ?? null;
}

/** Permission: scan:read. */
export async function getCorpus(viewer: Viewer, idOrName: string): Promise<CorpusDto> {
  requirePermission(viewer, "scan:read");
  const row = await corpusByIdOrName(idOrName);
  if (!row) throw notFound("Corpus");
  return (await toDtos(viewer, [row]))[0]!;
}

/** Permission: scan:write. */
export async function createCorpus(viewer: Viewer, input: CorpusCreateInput): Promise<CorpusDto> {
  requirePermission(viewer, "scan:write");
  const data = parseInput(corpusCreateSchema, input);
  const row = await db().transaction(async (tx) => {
    const [created] = await tx.insert(corpora).values({ ...data, teamId: data.teamId ?? null }).onConflictDoNothing().returning();
    if (!created) throw new AppError("conflict", "A corpus with this name already exists", { name: "is already in use" });
    await appendAudit(tx, actorOf(viewer), { action: "corpus.create", targetType: "corpus", targetId: created.id, details: data });
    return created;
  });
  await evaluateAfter({ kind: "corpus", corpusId: row.id }, actorOf(viewer).actorLabel);
  return (await toDtos(viewer, [row]))[0]!;
}

/** Permission: scan:write. */
export async function updateCorpus(viewer: Viewer, id: string, input: CorpusUpdateInput): Promise<CorpusDto> {
  requirePermission(viewer, "scan:write");
  const data = parseInput(corpusUpdateSchema, input);
  const row = await db().transaction(async (tx) => {
    // Dated here, so the version this change starts (corpus_versions) begins at the instant the evaluation after it uses.
    const [updated] = await tx.update(corpora).set({ ...data, updatedAt: new Date() }).where(eq(corpora.id, id)).returning();
    if (!updated) throw notFound("Corpus");
    await appendAudit(tx, actorOf(viewer), { action: "corpus.update", targetType: "corpus", targetId: id, details: data });
    return updated;
  });
  await evaluateAfter({ kind: "corpus", corpusId: row.id }, actorOf(viewer).actorLabel);
  return (await toDtos(viewer, [row]))[0]!;
}

