import { withAuth } from "@/lib/server/api";
import { listEvaluationRuns, runFullEvaluation } from "@/lib/server/evaluation";

export const GET = withAuth(async (_request, { viewer }) => ({ runs: await listEvaluationRuns(viewer) }), { permission: "posture:read" });

/** A full evaluation, now; answers when it has finished. */
export const POST = withAuth((_request, { viewer }) => runFullEvaluation(viewer, viewer.via === "token" ? "api" : "manual"), { permission: "evaluation:run", status: 201 });
