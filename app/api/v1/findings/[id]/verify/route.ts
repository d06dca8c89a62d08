import { withAuth } from "@/lib/server/api";
import { verifyFix } from "@/lib/server/findings";
import { parseId } from "@/lib/server/ids";

/** "Mark fixed": Leash re-evaluates the subject now and answers with the verdict. */
export const POST = withAuth<{ id: string }>((_request, { viewer, params }) => verifyFix(viewer, parseId(params.id, "Finding")), { permission: "finding:write" });
