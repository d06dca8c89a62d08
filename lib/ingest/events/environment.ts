import { z } from "zod";
import { environmentSchema, type Environment, type EventScope } from "../../domain/activity-event";

/**
 * Ordered rules mapping where a resource lives to an environment; the first match wins, so put narrow
 * rules (one database) before broad ones (a whole account). Patterns are globs: `*` any run, `?` one char.
 */
export const environmentRuleSchema = z.object({
  match: z.enum(["aws_account", "host", "database", "project", "resource"]),
  pattern: z.string().min(1).max(512),
  environment: environmentSchema,
});
export type EnvironmentRule = z.infer<typeof environmentRuleSchema>;
export const environmentRulesSchema = z.array(environmentRuleSchema).max(1000);

export type EnvironmentInput = { explicit?: Environment; scope: EventScope; resource: string | null };
export type EnvironmentResolution = { environment: Environment | null; reason: string };

const SUBJECT_LABEL: Record<EnvironmentRule["match"], string> = {
  aws_account: "AWS account",
  host: "host",
  database: "database",
  project: "project",
  resource: "resource",
};

export function resolveEnvironment(input: EnvironmentInput, rules: readonly EnvironmentRule[]): EnvironmentResolution {
  if (input.explicit) return { environment: input.explicit, reason: `the event states environment ${input.explicit}` };
  for (const rule of rules) {
    const subject = subjectOf(rule.match, input);
    if (subject !== undefined && globMatch(rule.pattern, subject)) {
      return {
        environment: rule.environment,
        reason: `${SUBJECT_LABEL[rule.match]} "${subject}" matches pattern "${rule.pattern}" → ${rule.environment}`,
      };
    }
  }
  return { environment: null, reason: "no environment stated and no environment pattern matched" };
}

function subjectOf(match: EnvironmentRule["match"], input: EnvironmentInput): string | undefined {
  switch (match) {
    case "aws_account":
      return input.scope.awsAccountId;
    case "host":
      return input.scope.host;
    case "database":
      return input.scope.database;
    case "project":
      return input.scope.projectId;
    case "resource":
      return input.resource ?? undefined;
  }
}

const globCache = new Map<string, RegExp>();

/** Case-insensitive glob, compiled once per pattern; runs of `*` collapse so patterns cannot blow up. */
export function globMatch(pattern: string, value: string): boolean {
  let re = globCache.get(pattern);
  if (!re) {
    const body = pattern
      .replace(/\*+/g, "*")
      .split("")
      .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
      .join("");
    re = new RegExp(`^${body}$`, "is");
    if (globCache.size > 10_000) globCache.clear();
    globCache.set(pattern, re);
  }
  return re.test(value);
}
