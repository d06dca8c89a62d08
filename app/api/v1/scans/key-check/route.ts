import { withAuth } from "@/lib/server/api";
import { instanceKeyCheck } from "@/lib/server/scans";

/** Lets `leash scan --upload` confirm it fingerprints under this instance's key before sending anything. */
export const GET = withAuth(async () => ({ keyCheck: instanceKeyCheck() }), { permission: "scan:write" });
