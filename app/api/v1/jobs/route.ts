import { withAuth } from "@/lib/server/api";
import { listJobs } from "@/lib/server/jobs/store";

/** Jobs, newest first: admins and auditors see every job, everyone else their own. */
export const GET = withAuth(async (request, { viewer }) => ({ jobs: await listJobs(viewer, Object.fromEntries(request.nextUrl.searchParams)) }), { permission: "job:read" });
