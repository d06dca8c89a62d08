import { readJson, withAuth } from "@/lib/server/api";
import { getFinding, updateFinding } from "@/lib/server/findings";
import { parseId } from "@/lib/server/ids";

export const GET = withAuth<{ id: string }>((_request, { viewer, params }) => getFinding(viewer, parseId(params.id, "Finding")), { permission: "finding:read" });

export const PATCH = withAuth<{ id: string }>(
  async (request, { viewer, params }) => updateFinding(viewer, parseId(params.id, "Finding"), await readJson(request)),
  { permission: "finding:write" },
);
