import { leashCsvTemplate } from "@/lib/ingest/credentials/leash-columns";
import { withAuth } from "@/lib/server/api";

export const GET = withAuth(
  async () =>
    new Response(leashCsvTemplate(), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="leash-credentials-template.csv"' },
    }),
  { permission: "credential:read" },
);
