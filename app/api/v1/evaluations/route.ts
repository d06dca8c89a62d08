import { withAuth } from "@/lib/server/api";
import { listEvaluationRuns } from "@/lib/server/evaluation";
import { respondWithJob } from "@/lib/server/jobs/submit";

export const GET = withAuth(async (_request, { viewer }) => ({ runs: await listEvaluationRuns(viewer) }), { permission: "settings:read" });

/** A full evaluation as a job; answers when it has finished, or 202 and the job with `Prefer: respond-async`. */
export const POST = withAuth((request, { viewer }) => respondWithJob(request, viewer, { kind: "evaluation", input: { trigger: viewer.via === "token" ? "api" : "manual" } }), {
  permission: "evaluation:run",
  status: 201,
});
