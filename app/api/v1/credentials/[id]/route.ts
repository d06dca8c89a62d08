import { credentialEditSchema } from "@/lib/domain/credential-query";
import { readJson, withAuth } from "@/lib/server/api";
import { getCredential, updateCredential } from "@/lib/server/credentials";
import { parseId } from "@/lib/server/ids";
import { parseInput } from "@/lib/server/errors";

export const GET = withAuth<{ id: string }>((_request, { viewer, params }) => getCredential(viewer, parseId(params.id, "Credential")), {
  permission: "credential:read",
});

export const PATCH = withAuth<{ id: string }>(
  async (request, { viewer, params }) => updateCredential(viewer, parseId(params.id, "Credential"), parseInput(credentialEditSchema, await readJson(request))),
  { permission: "credential:write" },
);
