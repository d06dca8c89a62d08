import { readJson, withAuth } from "@/lib/server/api";
import { teamCreateSchema } from "@/lib/domain/identity";
import { createTeam, listTeams } from "@/lib/server/teams";
import { parseInput } from "@/lib/server/errors";

export const GET = withAuth(async (_request, { viewer }) => ({ teams: await listTeams(viewer) }), { permission: "team:read" });

export const POST = withAuth(
  async (request, { viewer }) => createTeam(viewer, parseInput(teamCreateSchema, await readJson(request))),
  { permission: "team:manage", status: 201 },
);
