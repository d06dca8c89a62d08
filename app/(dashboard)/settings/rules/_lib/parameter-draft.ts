import { severityDaysSchema, type FindingSlas, type RuleParametersDto, type RuleParametersInput } from "@/lib/domain/posture";
import { agentRuntimeSchema, type AgentRuntime } from "@/lib/ingest/events/agent-runtimes";
import { checkForm } from "@/lib/client/form";
import { ruleById, SEVERITIES } from "@/lib/rules";

/**
 * The editable form of rule parameters. Inputs are rendered from each value's runtime type, so a rule that gains a
 * parameter shows up here without a UI change: number → number input, boolean → checkbox, string[] → comma-separated
 * text, string → text, anything else → JSON text.
 */
export type ParameterKind = "number" | "boolean" | "list" | "text" | "json";
export type DraftValue = string | boolean;
export type ParametersDraft = {
  rules: Record<string, Record<string, DraftValue>>;
  slas: Record<keyof FindingSlas, string>;
  /** false = Leash's built-in list; true = the lines below replace it. */
  agentRuntimesCustom: boolean;
  /** One runtime per line: `token | name | kind`. */
  agentRuntimes: string;
};
export type FieldErrors = Record<string, string>;

export function kindOf(value: unknown): ParameterKind {
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return "list";
  if (typeof value === "string") return "text";
  return "json";
}

/** A value as the input shows it (and as read-only viewers see it). */
export function displayValue(value: unknown): DraftValue {
  switch (kindOf(value)) {
    case "number":
      return String(value);
    case "boolean":
      return value as boolean;
    case "list":
      return (value as string[]).join(", ");
    case "text":
      return value as string;
    default:
      return JSON.stringify(value ?? null);
  }
}

/** The kind of a parameter: its current value decides, its default when the value is missing. */
export function parameterKind(rule: RuleParametersDto["rules"][number], name: string): ParameterKind {
  return kindOf(rule.values[name] !== undefined ? rule.values[name] : rule.defaults[name]);
}

export function parameterNames(rule: RuleParametersDto["rules"][number]): string[] {
  return [...new Set([...Object.keys(rule.values), ...Object.keys(rule.defaults)])];
}

export function toDraft(dto: RuleParametersDto): ParametersDraft {
  const rules: ParametersDraft["rules"] = {};
  for (const rule of dto.rules) {
    rules[rule.id] = Object.fromEntries(parameterNames(rule).map((name) => [name, displayValue(rule.values[name] ?? rule.defaults[name])]));
  }
  const slas = Object.fromEntries(SEVERITIES.map((s) => [s, String(dto.slas[s])])) as ParametersDraft["slas"];
  return { rules, slas, agentRuntimesCustom: dto.agentRuntimesCustom, agentRuntimes: formatRuntimes(dto.agentRuntimes) };
}

export function formatRuntimes(runtimes: readonly AgentRuntime[]): string {
  return runtimes.map((r) => `${r.token} | ${r.name} | ${r.kind}`).join("\n");
}

/** Parses the runtime lines, naming the first bad line (1-based) the way the server names fields. */
export function parseRuntimes(text: string): { ok: true; value: AgentRuntime[] } | { ok: false; message: string } {
  const out: AgentRuntime[] = [];
  const lines = text.split("\n");
  for (const [index, raw] of lines.entries()) {
    if (!raw.trim()) continue;
    const [token = "", name = "", kind = ""] = raw.split("|").map((part) => part.trim());
    const parsed = checkForm(agentRuntimeSchema, { token, name, kind });
    if (!parsed.success) {
      const [field, reason] = Object.entries(parsed.fields)[0]!;
      return { ok: false, message: `line ${index + 1}: ${field} ${reason}` };
    }
    out.push(parsed.data);
  }
  if (!out.length) return { ok: false, message: "list at least one runtime, or use the built-in list" };
  return { ok: true, value: out };
}

function parseValue(kind: ParameterKind, draft: DraftValue): { ok: true; value: unknown } | { ok: false; message: string } {
  if (kind === "boolean") return { ok: true, value: draft === true };
  const text = String(draft);
  if (kind === "number") {
    const value = text.trim() === "" ? Number.NaN : Number(text);
    return Number.isFinite(value) ? { ok: true, value } : { ok: false, message: "enter a number" };
  }
  if (kind === "list") return { ok: true, value: text.split(",").map((item) => item.trim()).filter(Boolean) };
  if (kind === "text") return { ok: true, value: text };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, message: "enter valid JSON" };
  }
}

/**
 * Draft → the PUT body, checked with each rule's own schema and the SLA schema first (the checks the server runs), so
 * mistakes show next to their input before a round trip. Errors are keyed like the server's: `rules.R04.maxHours`.
 */
export function fromDraft(dto: RuleParametersDto, draft: ParametersDraft): { input: RuleParametersInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const rules: Record<string, Record<string, unknown>> = {};
  for (const rule of dto.rules) {
    const values: Record<string, unknown> = {};
    for (const name of parameterNames(rule)) {
      const parsed = parseValue(parameterKind(rule, name), draft.rules[rule.id]?.[name] ?? "");
      if (parsed.ok) values[name] = parsed.value;
      else errors[`rules.${rule.id}.${name}`] = parsed.message;
    }
    const schema = ruleById(rule.id)?.parameters.schema;
    const checked = schema?.safeParse(values);
    if (checked && !checked.success) {
      for (const issue of checked.error.issues) {
        const key = issue.path.length ? `rules.${rule.id}.${String(issue.path[0])}` : `rules.${rule.id}`;
        errors[key] ??= issue.message;
      }
    }
    rules[rule.id] = values;
  }
  const slaValues: Record<string, unknown> = {};
  for (const severity of SEVERITIES) {
    const parsed = parseValue("number", draft.slas[severity]);
    if (parsed.ok) slaValues[severity] = parsed.value;
    else errors[`slas.${severity}`] = parsed.message;
  }
  const slas = severityDaysSchema.safeParse(slaValues);
  if (!slas.success) {
    for (const issue of slas.error.issues) errors[`slas.${String(issue.path[0] ?? "")}`] ??= issue.message;
  }
  let agentRuntimes: AgentRuntime[] | null = null;
  if (draft.agentRuntimesCustom) {
    const parsed = parseRuntimes(draft.agentRuntimes);
    if (parsed.ok) agentRuntimes = parsed.value;
    else errors.agentRuntimes = parsed.message;
  }
  return { input: { rules, slas: slaValues as FindingSlas, agentRuntimes }, errors };
}

/** The error for an input: its own key, or a nested one (`rules.R10.destructiveOperations.0`) the server reported. */
export function errorFor(errors: FieldErrors, key: string): string | undefined {
  if (errors[key]) return errors[key];
  const nested = Object.keys(errors).find((k) => k.startsWith(`${key}.`));
  return nested ? errors[nested] : undefined;
}

/** Words of parameter names that are abbreviations, written as people write them. */
const ACRONYMS: Record<string, string> = { sla: "SLA", ttl: "TTL", api: "API", ip: "IP" };

/** `maxHours` → "Max hours", `slaHours` → "SLA hours": labels come from the parameter names, which the rule files keep descriptive. */
export function parameterLabel(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(" ")
    .map((word) => ACRONYMS[word] ?? word)
    .join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
