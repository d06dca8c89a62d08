import { withAuth } from "@/lib/server/api";
import { env } from "@/lib/server/env";
import { listCredentials } from "@/lib/server/credentials";
import { importCredentials } from "@/lib/server/imports";
import { flag, requestBytes } from "@/lib/server/multipart";

export const GET = withAuth((request, { viewer }) => listCredentials(viewer, Object.fromEntries(request.nextUrl.searchParams)), {
  permission: "credential:read",
});

/**
 * Bulk upsert: the body is Leash JSON (an array of records, or NDJSON), streamed through the same pipeline as a
 * file import. Query: source (default "api"), apply_valid, full_sync.
 */
export const POST = withAuth(
  (request, { viewer }) => {
    const q = request.nextUrl.searchParams;
    return importCredentials(viewer, {
      format: "leash-json",
      source: q.get("source") ?? "api",
      fileName: "POST /api/v1/credentials",
      input: requestBytes(request, env().LEASH_MAX_UPLOAD_MB * 1_048_576),
      applyValid: flag(q.get("apply_valid"), "apply_valid"),
      fullSync: flag(q.get("full_sync"), "full_sync"),
      via: "api",
    });
  },
  { permission: "credential:import", status: 201 },
);
