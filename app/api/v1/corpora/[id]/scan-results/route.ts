import { scanUploadSchema } from "@/lib/domain/scan";
import { AppError, parseInput } from "@/lib/server/errors";
import { readText, withAuth } from "@/lib/server/api";
import { pathSegment } from "@/lib/server/ids";
import { recordScan } from "@/lib/server/scans";

const MAX_RESULT_BYTES = 64 * 1_048_576;

/** `leash scan --upload`: the JSON of a scan run elsewhere (a CI job), fingerprinted under this instance's key. */
export const POST = withAuth<{ id: string }>(
  async (request, { viewer, params }) => {
    const text = await readText(request, MAX_RESULT_BYTES);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError("invalid", "Body is not valid JSON");
    }
    return recordScan(viewer, pathSegment(params.id), parseInput(scanUploadSchema, body), "cli");
  },
  { permission: "scan:write", status: 201 },
);
