import { withAuth } from "@/lib/server/api";
import { env } from "@/lib/server/env";
import { previewImport } from "@/lib/server/imports";
import { readMultipartUpload } from "@/lib/server/multipart";

/** multipart/form-data like POST /api/v1/imports; answers the first rows as they would be imported, writing nothing. */
export const POST = withAuth(
  async (request, { viewer }) => {
    const { fields, file } = await readMultipartUpload(request, env().LEASH_MAX_UPLOAD_MB * 1_048_576);
    return previewImport(viewer, { format: fields.format ?? "", input: file.stream, limit: Number(fields.limit) || 20 });
  },
  { permission: "credential:import" },
);
