import { withAuth } from "@/lib/server/api";
import { env } from "@/lib/server/env";
import { importCredentials, listImportRuns } from "@/lib/server/imports";
import { flag, readMultipartUpload } from "@/lib/server/multipart";

export const GET = withAuth(async (_request, { viewer }) => ({ runs: await listImportRuns(viewer) }), { permission: "credential:read" });

/** multipart/form-data: fields `format`, `source`, `apply_valid`, `full_sync`, then the `file` part (streamed). */
export const POST = withAuth(
  async (request, { viewer }) => {
    const { fields, file } = await readMultipartUpload(request, env().LEASH_MAX_UPLOAD_MB * 1_048_576);
    return importCredentials(viewer, {
      format: fields.format ?? "",
      source: fields.source || undefined,
      fileName: file.name,
      input: file.stream,
      applyValid: flag(fields.apply_valid, "apply_valid"),
      fullSync: flag(fields.full_sync, "full_sync"),
    });
  },
  { permission: "credential:import", status: 201 },
);
