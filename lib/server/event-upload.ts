import "server-only";
import type { NextRequest } from "next/server";
import { env } from "./env";
import { respondWithJob } from "./jobs/submit";
import { requestBytes } from "./multipart";
import type { Viewer } from "./viewer";

/**
 * The body of an ingest request streamed into an ingest job (plain or gzip, detected from the bytes).
 * Query: `file` names the upload in the run report; pgaudit also takes `log_line_prefix`, `host`, `database`.
 */
export function ingestRequestBody(viewer: Viewer, request: NextRequest, format: string): Promise<unknown> {
  const q = request.nextUrl.searchParams;
  const scope = { ...(q.get("host") ? { host: q.get("host")! } : {}), ...(q.get("database") ? { database: q.get("database")! } : {}) };
  const input = {
    format,
    fileName: q.get("file") ?? `POST ${request.nextUrl.pathname}`,
    options: { ...(q.get("log_line_prefix") ? { logLinePrefix: q.get("log_line_prefix")! } : {}), scope },
  };
  const maxBytes = env().LEASH_MAX_EVENT_UPLOAD_MB * 1_048_576;
  return respondWithJob(request, viewer, { kind: "ingest", input, upload: { stream: requestBytes(request, maxBytes), maxBytes } });
}
