import { withAuth } from "@/lib/server/api";
import { exportCredentialsCsv } from "@/lib/server/credential-export";

export const GET = withAuth(
  async (request, { viewer }) => {
    const stream = await exportCredentialsCsv(viewer, Object.fromEntries(request.nextUrl.searchParams));
    return new Response(stream, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="leash-credentials.csv"' },
    });
  },
  { permission: "credential:read" },
);
