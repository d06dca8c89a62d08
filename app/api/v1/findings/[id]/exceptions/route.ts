import { readJson, withAuth } from "@/lib/server/api";
import { requestException } from "@/lib/server/exceptions";
import { parseId } from "@/lib/server/ids";

export const POST = withAuth<{ id: string }>(
  async (request, { viewer, params }) => requestException(viewer, parseId(params.id, "Finding"), await readJson(request)),
  { permission: "exception:request", status: 201 },
);
