import "server-only";
import { CREDENTIAL_FIELDS } from "@/lib/domain/credential";
import type { CredentialListQuery } from "@/lib/domain/credential-query";
import { csvLine } from "@/lib/evidence/csv";
import { actorOf, recordAudit } from "./audit";
import { listCredentialDetails } from "./credentials";
import { requirePermission, type Viewer } from "./viewer";

const HEADER = ["id", "source", "external_id", "team_id", ...CREDENTIAL_FIELDS, "missing_from_source_at", "version"];

/**
 * Permission: credential:read. The current filter's credentials as CSV, page by page (memory stays flat), with
 * formula-injection-safe cells. The export is audited.
 */
export function exportCredentialsCsv(viewer: Viewer, query: CredentialListQuery): ReadableStream<Uint8Array> {
  requirePermission(viewer, "credential:read");
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  let rows = 0;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvLine(HEADER)));
        return;
      }
      const page = await listCredentialDetails(viewer, { ...query, limit: 500, cursor });
      const lines = page.items.map((c) =>
        csvLine([c.id, c.source.name, c.externalId, c.team?.id ?? "", ...CREDENTIAL_FIELDS.map((f) => c.fields[f]), c.missingFromSourceAt, c.version]),
      );
      controller.enqueue(encoder.encode(lines.join("")));
      rows += page.items.length;
      cursor = page.nextCursor ?? undefined;
      if (!cursor) {
        await recordAudit(actorOf(viewer), { action: "credentials.export", details: { rows, filter: query } });
        controller.close();
      }
    },
  });
}
