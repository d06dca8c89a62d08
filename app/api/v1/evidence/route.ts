import { readJson, withAuth } from "@/lib/server/api";
import { listEvidencePackages, parseEvidenceRequest } from "@/lib/server/evidence";
import { respondWithJob } from "@/lib/server/jobs/submit";

/** Keyset pages, newest package first: `limit`, and `cursor` from the page before's `nextCursor`. */
export const GET = withAuth((request, { viewer }) => listEvidencePackages(viewer, Object.fromEntries(request.nextUrl.searchParams)), { permission: "evidence:read" });

/** Builds a signed package as a job; answers when it is stored, or 202 and the job with `Prefer: respond-async`. */
export const POST = withAuth(async (request, { viewer }) => respondWithJob(request, viewer, { kind: "evidence", input: parseEvidenceRequest(viewer, await readJson(request)).request }), {
  permission: "evidence:build",
  status: 201,
});
