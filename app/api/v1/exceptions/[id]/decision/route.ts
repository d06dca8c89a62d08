import { readJson, withAuth } from "@/lib/server/api";
import { decideException } from "@/lib/server/exceptions";
import { parseId } from "@/lib/server/ids";

export const POST = withAuth<{ id: string }>(
  async (request, { viewer, params }) => decideException(viewer, parseId(params.id, "Exception"), await readJson(request)),
  { permission: "exception:decide" },
);
