import { withAuth } from "@/lib/server/api";
import { env } from "@/lib/server/env";
import { pathSegment } from "@/lib/server/ids";
import { respondWithJob } from "@/lib/server/jobs/submit";
import { requestBytes } from "@/lib/server/multipart";

/**
 * The body is the export itself (a zip of a Slack or Confluence export, or one file), streamed into the scan's
 * job; `?file=` names it. `Prefer: respond-async` answers 202 with the job instead of waiting for the scan run.
 */
export const POST = withAuth<{ id: string }>(
  (request, { viewer, params }) => {
    const input = { corpus: pathSegment(params.id), fileName: request.nextUrl.searchParams.get("file") ?? "upload.zip" };
    const maxBytes = env().LEASH_MAX_UPLOAD_MB * 1_048_576;
    return respondWithJob(request, viewer, { kind: "scan", input, upload: { stream: requestBytes(request, maxBytes), maxBytes } });
  },
  { permission: "scan:write", status: 201 },
);
