import { R12, R13, R14 } from "./rules/exposure";
import { R01, R02, R03 } from "./rules/ownership";
import { R04, R05, R06, R07 } from "./rules/lifetime";
import { R08, R09, R10, R11 } from "./rules/agent-scope";
import { R15, R16, R17, R18 } from "./rules/activity";
import { R19, R20 } from "./rules/review-storage";
import { R21, R22 } from "./rules/coverage";
import { subjectAsOf } from "./rules/helpers";
import type { AnyRule, ContextOf, Evaluation, Rule, SubjectKind, SubjectOf } from "./types";

/**
 * Every evaluation records this version (DESIGN §3). Bump it whenever a rule's logic, default or control mapping
 * changes, so results from different versions are never silently compared.
 */
export const RULES_VERSION = "2026.11.4";

export const RULES: readonly AnyRule[] = [
  R01, R02, R03, R04, R05, R06, R07, R08, R09, R10, R11, R12, R13, R14, R15, R16, R17, R18, R19, R20, R21, R22,
];

// Looked up per failing evaluation (millions in a full run), so by map rather than by scanning the list.
const RULES_BY_ID = new Map<string, AnyRule>(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): AnyRule | undefined {
  return RULES_BY_ID.get(id);
}

export function rulesFor<K extends SubjectKind>(kind: K): Rule<K, unknown>[] {
  return RULES.filter((r): r is Extract<AnyRule, { subject: K }> => r.subject === kind) as Rule<K, unknown>[];
}

/**
 * Runs a rule with admin-set parameters (validated and merged over the defaults by the rule's own schema).
 * Throws the zod error on invalid parameters: a bad configuration must not quietly score as pass.
 */
export function evaluateRule<K extends SubjectKind>(
  rule: Rule<K, unknown>,
  subject: SubjectOf[K],
  ctx: ContextOf[K] & { now: Date; params?: Record<string, unknown> },
): Evaluation {
  const params = rule.parameters.schema.parse(ctx.params ?? {});
  return rule.evaluate(subjectAsOf(rule.subject, subject, ctx.now), { ...ctx, params });
}
