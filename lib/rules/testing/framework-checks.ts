import { RULES } from "../registry";
import type { Framework } from "../frameworks/types";

export { FIXTURE_FRAMEWORK } from "./fixture-framework";

/** Control id → the ids of the rules whose own `controls[key]` list it, sorted. */
export function controlsListedByRules(key: string): Map<string, string[]> {
  const listed = new Map<string, string[]>();
  for (const rule of RULES) {
    const ids: readonly string[] = (rule.controls as Record<string, readonly string[] | undefined>)[key] ?? [];
    for (const id of ids) listed.set(id, [...(listed.get(id) ?? []), rule.id]);
  }
  for (const rules of listed.values()) rules.sort();
  return listed;
}

/**
 * What a framework file alone must get right, whether or not rules list it: its id and key are its own, each control
 * id appears once, and each control maps to at least one rule that exists. Empty when it is well formed.
 */
export function frameworkFileProblems(framework: Framework, all: readonly Framework[]): string[] {
  const problems: string[] = [];
  const others = all.filter((f) => f !== framework);
  for (const other of others) {
    if ([other.id, other.key].includes(framework.id)) problems.push(`id "${framework.id}" is also used by ${other.id}`);
    if ([other.id, other.key].includes(framework.key)) problems.push(`key "${framework.key}" is also used by ${other.id}`);
  }
  const known = new Set<string>(RULES.map((r) => r.id));
  const seen = new Set<string>();
  for (const control of framework.controls) {
    if (seen.has(control.id)) problems.push(`control ${control.id} is listed twice`);
    seen.add(control.id);
    if (!control.rules.length) problems.push(`control ${control.id} maps to no rule`);
    for (const rule of control.rules) if (!known.has(rule)) problems.push(`control ${control.id} maps to unknown rule ${rule}`);
  }
  if (!framework.controls.length) problems.push("it has no controls");
  return problems;
}

/** Whether a module export is a framework (a framework file may export helpers beside it). */
export function isFramework(value: unknown): value is Framework {
  const v = value as Partial<Framework> | null;
  return typeof v === "object" && v !== null && typeof v.id === "string" && typeof v.key === "string" && Array.isArray(v.controls);
}
