import { withAuth } from "@/lib/server/api";
import { env } from "@/lib/server/env";
import { importRunStatus, listImportRuns } from "@/lib/server/imports";
import { respondWithJob } from "@/lib/server/jobs/submit";
import { flag, readMultipartUpload } from "@/lib/server/multipart";

export const GET = withAuth(async (_request, { viewer }) => ({ runs: await listImportRuns(viewer) }), { permission: "credential:read" });

/**
 * multipart/form-data: fields `format`, `source`, `apply_valid`, `full_sync`, then the `file` part (streamed into
 * the import's job). Answers with the import run when it has finished (201 applied; 422 rejected or failed, nothing
 * stored, with its row errors), or 202 and the job with `Prefer: respond-async`.
 */
export const POST = withAuth(
  async (request, { viewer }) => {
    const maxBytes = env().LEASH_MAX_UPLOAD_MB * 1_048_576;
    const { fields, file } = await readMultipartUpload(request, maxBytes);
    const input = {
      format: fields.format ?? "",
      source: fields.source || undefined,
      fileName: file.name,
      applyValid: flag(fields.apply_valid, "apply_valid"),
      fullSync: flag(fields.full_sync, "full_sync"),
    };
    return respondWithJob(request, viewer, { kind: "import", input, upload: { stream: file.stream, maxBytes } });
  },
  { permission: "credential:import", status: importRunStatus },
);
