import { withAuth } from "@/lib/server/api";
import { listCredentials } from "@/lib/server/credentials";
import { importRunStatus } from "@/lib/server/imports";
import { env } from "@/lib/server/env";
import { respondWithJob } from "@/lib/server/jobs/submit";
import { flag, requestBytes } from "@/lib/server/multipart";

export const GET = withAuth((request, { viewer }) => listCredentials(viewer, Object.fromEntries(request.nextUrl.searchParams)), {
  permission: "credential:read",
});

/**
 * Bulk upsert: the body is Leash JSON (an array of records, or NDJSON), streamed through the same pipeline as a
 * file import, as a job. Query: source (default "api"), apply_valid, full_sync. The import run: 201 applied, 422
 * rejected or failed (nothing stored). `Prefer: respond-async` → 202.
 */
export const POST = withAuth(
  (request, { viewer }) => {
    const q = request.nextUrl.searchParams;
    const input = {
      format: "leash-json",
      source: q.get("source") ?? "api",
      fileName: "POST /api/v1/credentials",
      applyValid: flag(q.get("apply_valid"), "apply_valid"),
      fullSync: flag(q.get("full_sync"), "full_sync"),
      via: "api",
    };
    const maxBytes = env().LEASH_MAX_UPLOAD_MB * 1_048_576;
    return respondWithJob(request, viewer, { kind: "import", input, upload: { stream: requestBytes(request, maxBytes), maxBytes } });
  },
  { permission: "credential:import", status: importRunStatus },
);
