import "server-only";
import { CREDENTIAL_FIELDS } from "@/lib/domain/credential";
import { credentialListQuerySchema, type CredentialListQuery } from "@/lib/domain/credential-query";
import { csvLine } from "@/lib/evidence/csv";
import { actorOf, recordAudit } from "./audit";
import { listCredentialDetails } from "./credentials";
import { parseInput } from "./errors";
import { requirePermission, type Viewer } from "./viewer";

const HEADER = ["id", "source", "external_id", "team_id", ...CREDENTIAL_FIELDS, "missing_from_source_at", "version"];

/**
 * Permission: credential:read. The current filter's credentials as CSV, page by page (memory stays flat), with
 * formula-injection-safe cells. The export is audited. The first page is read before the stream is handed back,
 * so a bad filter is an error response rather than a 200 whose body breaks off.
 */
export async function exportCredentialsCsv(viewer: Viewer, query: CredentialListQuery): Promise<ReadableStream<Uint8Array>> {
  requirePermission(viewer, "credential:read");
  // Audited as parsed: only the filters the schema knows, never whatever else the query string carried.
  const { limit: _limit, cursor: _cursor, ...filter } = parseInput(credentialListQuerySchema, query);
  const encoder = new TextEncoder();
  const pageAt = (cursor: string | undefined) => listCredentialDetails(viewer, { ...query, limit: 500, cursor });
  let first: Awaited<ReturnType<typeof pageAt>> | null = await pageAt(undefined);
  let cursor: string | undefined;
  let rows = 0;
  return new ReadableStream({
    start(controller) {
      controller.enqueue(encoder.encode(csvLine(HEADER)));
    },
    async pull(controller) {
      const page = first ?? (await pageAt(cursor));
      first = null;
      const lines = page.items.map((c) =>
        csvLine([c.id, c.source.name, c.externalId, c.team?.id ?? "", ...CREDENTIAL_FIELDS.map((f) => c.fields[f]), c.missingFromSourceAt, c.version]),
      );
      controller.enqueue(encoder.encode(lines.join("")));
      rows += page.items.length;
      cursor = page.nextCursor ?? undefined;
      if (!cursor) {
        await recordAudit(actorOf(viewer), { action: "credentials.export", details: { rows, filter } });
        controller.close();
      }
    },
  });
}
