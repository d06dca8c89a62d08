import { withAuth } from "@/lib/server/api";
import { activitySummary } from "@/lib/server/activity";

export const GET = withAuth(
  (request, { viewer }) => {
    const days = Math.min(Math.max(Number(request.nextUrl.searchParams.get("days")) || 30, 1), 365);
    return activitySummary(viewer, days);
  },
  { permission: "activity:read" },
);
