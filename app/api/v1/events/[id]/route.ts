import { withAuth } from "@/lib/server/api";
import { getEvent } from "@/lib/server/activity";
import { notFound } from "@/lib/server/errors";

export const GET = withAuth<{ id: string }>(
  (_request, { viewer, params }) => {
    const id = Number(params.id);
    if (!Number.isSafeInteger(id) || id <= 0) throw notFound("Event");
    return getEvent(viewer, id);
  },
  { permission: "activity:read" },
);
