import type { RuleParametersInput } from "@/lib/domain/posture";
import { readJson, withAuth } from "@/lib/server/api";
import { getRuleParameters, setRuleParameters } from "@/lib/server/rule-parameters";

export const GET = withAuth((_request, { viewer }) => getRuleParameters(viewer), { permission: "settings:read" });

export const PUT = withAuth(async (request, { viewer }) => setRuleParameters(viewer, (await readJson(request)) as RuleParametersInput), { permission: "settings:manage" });
