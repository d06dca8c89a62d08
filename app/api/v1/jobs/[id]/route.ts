import { withAuth } from "@/lib/server/api";
import { getJob } from "@/lib/server/jobs/store";

/** One job with its status, progress and, once finished, its result or error. */
export const GET = withAuth<{ id: string }>((_request, { viewer, params }) => getJob(viewer, params.id), { permission: "job:read" });
