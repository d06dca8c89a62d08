import { withAuth } from "@/lib/server/api";
import { ingestReportStatus } from "@/lib/server/activity-ingest";
import { ingestRequestBody } from "@/lib/server/event-upload";

/** PostgreSQL server log with pgaudit lines; `?log_line_prefix=` as configured on the server, `&host=&database=`. */
export const POST = withAuth((request, { viewer }) => ingestRequestBody(viewer, request, "pgaudit"), { permission: "activity:ingest", status: ingestReportStatus });
