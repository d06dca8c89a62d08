import { withAuth } from "@/lib/server/api";
import { findingSummary } from "@/lib/server/findings";

export const GET = withAuth((_request, { viewer }) => findingSummary(viewer), { permission: "finding:read" });
