import type { RuleParametersInput } from "@/lib/domain/posture";
import { readJson, withAuth } from "@/lib/server/api";
import { updateRuleParameters } from "@/lib/server/evaluation";
import { getRuleParameters } from "@/lib/server/rule-parameters";

export const GET = withAuth((_request, { viewer }) => getRuleParameters(viewer), { permission: "settings:read" });

export const PUT = withAuth(async (request, { viewer }) => updateRuleParameters(viewer, (await readJson(request)) as RuleParametersInput), { permission: "settings:manage" });
