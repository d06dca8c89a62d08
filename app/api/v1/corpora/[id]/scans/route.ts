import { withAuth } from "@/lib/server/api";
import { env } from "@/lib/server/env";
import { pathSegment } from "@/lib/server/ids";
import { requestBytes } from "@/lib/server/multipart";
import { scanUploadedArchive } from "@/lib/server/scan-archive";

/** The body is the export itself (a zip of a Slack or Confluence export, or one file), streamed; `?file=` names it. */
export const POST = withAuth<{ id: string }>(
  (request, { viewer, params }) =>
    scanUploadedArchive(viewer, pathSegment(params.id), request.nextUrl.searchParams.get("file") ?? "upload.zip", requestBytes(request, env().LEASH_MAX_UPLOAD_MB * 1_048_576)),
  { permission: "scan:write", status: 201 },
);
