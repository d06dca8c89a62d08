import { withAuth } from "@/lib/server/api";
import { downloadEvidencePackage } from "@/lib/server/evidence";
import { parseId } from "@/lib/server/ids";

/** The stored bytes, the same on every download, streamed a stored chunk at a time; the SHA-256 travels in a header. */
export const GET = withAuth<{ id: string }>(
  async (_request, { viewer, params }) => {
    const pkg = await downloadEvidencePackage(viewer, parseId(params.id, "Evidence package"));
    const chunks = pkg.content[Symbol.asyncIterator]();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(new Uint8Array(next.value));
      },
      async cancel() {
        await chunks.return?.();
      },
    });
    return new Response(body, {
      headers: {
        "content-type": "application/zip",
        "content-disposition": `attachment; filename="${pkg.fileName}"`,
        "content-length": String(pkg.bytes),
        "x-content-sha256": pkg.sha256,
      },
    });
  },
  { permission: "evidence:read" },
);
