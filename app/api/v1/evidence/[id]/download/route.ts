import { withAuth } from "@/lib/server/api";
import { downloadEvidencePackage } from "@/lib/server/evidence";
import { parseId } from "@/lib/server/ids";

/** The stored bytes, the same on every download; the SHA-256 travels in a header for a quick check. */
export const GET = withAuth<{ id: string }>(
  async (_request, { viewer, params }) => {
    const pkg = await downloadEvidencePackage(viewer, parseId(params.id, "Evidence package"));
    return new Response(new Uint8Array(pkg.bytes), {
      headers: {
        "content-type": "application/zip",
        "content-disposition": `attachment; filename="${pkg.fileName}"`,
        "content-length": String(pkg.bytes.length),
        "x-content-sha256": pkg.sha256,
      },
    });
  },
  { permission: "evidence:read" },
);
