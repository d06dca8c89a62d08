import { corpusUpdateSchema } from "@/lib/domain/scan";
import { readJson, withAuth } from "@/lib/server/api";
import { getCorpus, updateCorpus } from "@/lib/server/corpora";
import { parseId, pathSegment } from "@/lib/server/ids";
import { parseInput } from "@/lib/server/errors";

/** `{id}` is the corpus id or its (URL-encoded) name. */
export const GET = withAuth<{ id: string }>((_request, { viewer, params }) => getCorpus(viewer, pathSegment(params.id)), { permission: "scan:read" });

export const PATCH = withAuth<{ id: string }>(
  async (request, { viewer, params }) => updateCorpus(viewer, parseId(params.id, "Corpus"), parseInput(corpusUpdateSchema, await readJson(request))),
  { permission: "scan:write" },
);
