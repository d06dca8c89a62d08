import { withAuth } from "@/lib/server/api";
import { listEvents } from "@/lib/server/activity";
import { ingestReportStatus } from "@/lib/server/activity-ingest";
import { ingestRequestBody } from "@/lib/server/event-upload";

export const GET = withAuth((request, { viewer }) => listEvents(viewer, Object.fromEntries(request.nextUrl.searchParams)), {
  permission: "activity:read",
});

/** Leash NDJSON (gzip accepted), streamed, up to LEASH_MAX_EVENT_UPLOAD_MB; `?format=csv` for the CSV layout. */
export const POST = withAuth((request, { viewer }) => ingestRequestBody(viewer, request, request.nextUrl.searchParams.get("format") ?? "leash-ndjson"), {
  permission: "activity:ingest",
  status: ingestReportStatus,
});
