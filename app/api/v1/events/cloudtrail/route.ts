import { withAuth } from "@/lib/server/api";
import { ingestReportStatus } from "@/lib/server/activity-ingest";
import { ingestRequestBody } from "@/lib/server/event-upload";

/** CloudTrail: a `{"Records":[…]}` file (gzip accepted) or one record per line. */
export const POST = withAuth((request, { viewer }) => ingestRequestBody(viewer, request, "cloudtrail"), { permission: "activity:ingest", status: ingestReportStatus });
