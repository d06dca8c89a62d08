import "server-only";
import type { NextRequest } from "next/server";
import { ingestEvents, type IngestReport } from "./activity-ingest";
import { env } from "./env";
import { requestBytes } from "./multipart";
import type { Viewer } from "./viewer";

/**
 * The body of an ingest request streamed into the ingest pipeline (plain or gzip, detected from the bytes).
 * Query: `file` names the upload in the run report; pgaudit also takes `log_line_prefix`, `host`, `database`.
 */
export function ingestRequestBody(viewer: Viewer, request: NextRequest, format: string): Promise<IngestReport> {
  const q = request.nextUrl.searchParams;
  const scope = { ...(q.get("host") ? { host: q.get("host")! } : {}), ...(q.get("database") ? { database: q.get("database")! } : {}) };
  return ingestEvents(viewer, {
    format,
    fileName: q.get("file") ?? `POST ${request.nextUrl.pathname}`,
    input: requestBytes(request, env().LEASH_MAX_EVENT_UPLOAD_MB * 1_048_576),
    options: { ...(q.get("log_line_prefix") ? { logLinePrefix: q.get("log_line_prefix")! } : {}), scope },
  });
}
