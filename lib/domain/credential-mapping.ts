import { z } from "zod";
import { type CredentialFieldName, type CredentialRecord, credentialFieldSchemas } from "./credential";

/**
 * Mapping rules fill what an import left "not stated" (e.g. principals named `*-agent` are agents, AWS account
 * 1234… is production). They never overwrite a stated value: the source, or a person, knows better than a
 * naming convention. Rules run in order; the first rule that sets a field wins, and later rules see the value
 * earlier ones set (so a rule may match on a team another rule assigned).
 */

/** Fields a rule may match on. `tag` matches when any tag matches. */
export const MATCHABLE_FIELDS = [
  "principal", "name", "account", "provider", "kind", "team", "owner_email", "external_id", "public_id", "tag",
] as const;
export type MatchableField = (typeof MATCHABLE_FIELDS)[number];

/** Fields a rule may set: the context an inventory owner knows better than a provider export. */
export const MAPPABLE_FIELDS = [
  "principal_type", "environments", "team", "owner_email", "agent_accessible", "allowed_operations", "storage", "tags",
] as const satisfies readonly CredentialFieldName[];
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

/** Case-insensitive glob: `*` any run of characters, `?` exactly one; everything else literal. */
export const globSchema = z.string().min(1).max(256);

const globsSchema = z.union([globSchema, z.array(globSchema).min(1).max(100)]);

const whenSchema = z
  .strictObject(Object.fromEntries(MATCHABLE_FIELDS.map((f) => [f, globsSchema.optional()])) as {
    [K in MatchableField]: z.ZodOptional<typeof globsSchema>;
  })
  .refine((w) => Object.values(w).some((v) => v !== undefined), "a rule needs at least one condition");

const setSchema = z
  .strictObject(Object.fromEntries(MAPPABLE_FIELDS.map((f) => [f, credentialFieldSchemas[f].optional()])) as {
    [K in MappableField]: z.ZodOptional<(typeof credentialFieldSchemas)[K]>;
  })
  .refine((s) => Object.values(s).some((v) => v !== undefined), "a rule must set at least one field");

export const mappingRuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "rule id must be a lowercase slug"),
  description: z.string().max(500).optional(),
  /** All conditions must hold; a list of globs under one field matches when any of them does. */
  when: whenSchema,
  set: setSchema,
});

export const mappingRuleSetSchema = z
  .strictObject({ rules: z.array(mappingRuleSchema).max(1000) })
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.rules.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: "custom", path: ["rules", i, "id"], message: "duplicate rule id" });
      seen.add(rule.id);
    });
  });

export type MappingRule = z.infer<typeof mappingRuleSchema>;
export type MappingRuleSet = z.infer<typeof mappingRuleSetSchema>;
export type MappingResult = { record: CredentialRecord; applied: { ruleId: string; field: MappableField }[] };

export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\/-]/g, "\\$&")))
    .join("");
  return new RegExp(`^${body}$`, "is");
}

type CompiledRule = { id: string; when: [MatchableField, RegExp[]][]; set: [MappableField, unknown][] };

function candidates(record: CredentialRecord, field: MatchableField): string[] {
  if (field === "tag") return record.tags ?? [];
  const value = record[field];
  return value === undefined ? [] : [value];
}

function matches(rule: CompiledRule, record: CredentialRecord): boolean {
  return rule.when.every(([field, globs]) => candidates(record, field).some((v) => globs.some((g) => g.test(v))));
}

/**
 * Compiles a rule set once (globs become regexes) into a pure function over records, so a 1M-row import
 * does not re-parse globs per row. The input record is not mutated.
 */
export function compileMappingRules(ruleSet: MappingRuleSet): (record: CredentialRecord) => MappingResult {
  const rules: CompiledRule[] = ruleSet.rules.map((rule) => ({
    id: rule.id,
    when: MATCHABLE_FIELDS.flatMap((f) => {
      const globs = rule.when[f];
      if (globs === undefined) return [];
      return [[f, (Array.isArray(globs) ? globs : [globs]).map(globToRegExp)] as [MatchableField, RegExp[]]];
    }),
    set: MAPPABLE_FIELDS.flatMap((f) => (rule.set[f] === undefined ? [] : [[f, rule.set[f]] as [MappableField, unknown]])),
  }));
  return (input) => {
    let record = input;
    const applied: MappingResult["applied"] = [];
    for (const rule of rules) {
      const open = rule.set.filter(([field]) => record[field] === undefined);
      if (open.length === 0 || !matches(rule, record)) continue;
      const provenance = { ...record.provenance };
      const mappedBy = { ...record.mapped_by };
      const next: Record<string, unknown> = { ...record, provenance, mapped_by: mappedBy };
      for (const [field, value] of open) {
        // Arrays are copied so two records mapped by the same rule never share (and co-mutate) one list.
        next[field] = Array.isArray(value) ? [...value] : value;
        provenance[field] = "mapping_rule";
        mappedBy[field] = rule.id;
        applied.push({ ruleId: rule.id, field });
      }
      record = next as CredentialRecord;
    }
    return { record, applied };
  };
}

/** One-off convenience; prefer `compileMappingRules` when mapping many records. */
export function applyMappingRules(record: CredentialRecord, ruleSet: MappingRuleSet): MappingResult {
  return compileMappingRules(ruleSet)(record);
}
