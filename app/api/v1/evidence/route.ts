import { readJson, withAuth } from "@/lib/server/api";
import type { EvidenceRequest } from "@/lib/domain/evidence";
import { buildEvidencePackage, listEvidencePackages } from "@/lib/server/evidence";

export const GET = withAuth(async (_request, { viewer }) => ({ packages: await listEvidencePackages(viewer) }), { permission: "evidence:read" });

/** Builds a signed package now and answers when it is stored. */
export const POST = withAuth(async (request, { viewer }) => buildEvidencePackage(viewer, (await readJson(request)) as EvidenceRequest), { permission: "evidence:build", status: 201 });
