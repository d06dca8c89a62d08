import "server-only";
import type { NextRequest } from "next/server";
import { env } from "./env";
import { ingestEvents } from "./activity-ingest";
import { respondWithJob, wantsAsync } from "./jobs/submit";
import { requestBytes } from "./multipart";
import type { Viewer } from "./viewer";

/**
 * A small batch (a declared length up to LEASH_INLINE_INGEST_KB), as log shippers send many of, is ingested in the
 * request itself: a queue round trip would cost more than the work, and the shipper retries a failed batch. Larger
 * bodies, chunked ones, and any request with `Prefer: respond-async` become jobs.
 */
function ingestsInline(request: NextRequest): boolean {
  const declared = request.headers.get("content-length");
  return !wantsAsync(request) && declared !== null && /^\d+$/.test(declared) && Number(declared) <= env().LEASH_INLINE_INGEST_KB * 1024;
}

/**
 * The body of an ingest request (plain or gzip, detected from the bytes), ingested at once or streamed into a job.
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
  if (ingestsInline(request)) return ingestEvents(viewer, { ...input, input: requestBytes(request, maxBytes) });
  return respondWithJob(request, viewer, { kind: "ingest", input, upload: { stream: requestBytes(request, maxBytes), maxBytes } });
}
