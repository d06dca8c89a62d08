import { corpusCreateSchema } from "@/lib/domain/scan";
import { readJson, withAuth } from "@/lib/server/api";
import { createCorpus, listCorpora } from "@/lib/server/corpora";
import { parseInput } from "@/lib/server/errors";

export const GET = withAuth(async (_request, { viewer }) => ({ corpora: await listCorpora(viewer) }), { permission: "scan:read" });

export const POST = withAuth(async (request, { viewer }) => createCorpus(viewer, parseInput(corpusCreateSchema, await readJson(request))), {
  permission: "scan:write",
  status: 201,
});
