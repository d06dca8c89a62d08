"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { environments } from "@/lib/domain/activity-event";
import { environmentRulesSchema, type EnvironmentRule } from "@/lib/ingest/events/environment";
import { api, errorMessage } from "@/lib/client/api";
import { serverFieldErrors, type FieldErrors } from "@/lib/client/form";
import { auditKeys, environmentRuleKeys } from "@/lib/client/query-keys";
import { MATCH_LABELS } from "./match-labels";

const NEW_RULE: EnvironmentRule = { match: "resource", pattern: "", environment: "production" };

/** On a phone a pattern's fields stack beside its number; from md up they share one row. */
const FIELD_CELL = "col-start-2 min-w-0 md:col-start-auto";

/** Errors are keyed "<row>.<field>", the path the server's schema reports them under. */
function clientErrors(rules: EnvironmentRule[]): FieldErrors {
  const parsed = environmentRulesSchema.safeParse(rules);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.code === "too_small" && issue.path.at(-1) === "pattern" ? "enter a pattern" : issue.message]));
}

export function EnvironmentRulesEditor({ initial }: { initial: EnvironmentRule[] }) {
  const queryClient = useQueryClient();
  const [rules, setRules] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: (next: EnvironmentRule[]) => api.put<{ rules: EnvironmentRule[] }>("/settings/environment-rules", { rules: next }),
    onSuccess: () => Promise.all([environmentRuleKeys.all, auditKeys.all].map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
  const shown = { ...serverFieldErrors(save.error), ...errors };
  const dirty = JSON.stringify(rules) !== JSON.stringify(initial);

  const update = (index: number, change: Partial<EnvironmentRule>) => setRules(rules.map((r, i) => (i === index ? { ...r, ...change } : r)));
  const move = (index: number, by: number) => {
    const next = [...rules];
    const [rule] = next.splice(index, 1);
    next.splice(index + by, 0, rule!);
    setRules(next);
  };
  function submit() {
    const found = clientErrors(rules);
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate(rules);
  }

  return (
    <div className="space-y-3">
      {save.isError ? <Alert tone="danger">{errorMessage(save.error)}</Alert> : null}
      {save.isSuccess && !dirty ? <Alert tone="success">Patterns saved. They apply to events ingested from now on.</Alert> : null}
      <ol className="space-y-2" aria-label="Environment patterns, first match wins">
        {rules.map((rule, index) => {
          const n = index + 1;
          const patternError = shown[`${index}.pattern`] ?? shown[`rules.${index}.pattern`];
          return (
            <li key={index} data-testid="environment-rule" className="grid grid-cols-[1.5rem_minmax(0,1fr)] items-start gap-2 rounded-lg border border-zinc-200 bg-white p-3 md:grid-cols-[1.5rem_9rem_minmax(0,1fr)_10rem_auto]">
              <span className="pt-1.5 text-right text-sm text-zinc-500 tabular-nums" aria-hidden="true">
                {n}
              </span>
              <Select className={FIELD_CELL} aria-label={`Pattern ${n}: match on`} value={rule.match} onChange={(e) => update(index, { match: e.target.value as EnvironmentRule["match"] })}>
                {Object.entries(MATCH_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </Select>
              <div className={FIELD_CELL}>
                <Input
                  aria-label={`Pattern ${n}`}
                  className="font-mono"
                  value={rule.pattern}
                  placeholder="pocket-prod*"
                  aria-invalid={patternError ? true : undefined}
                  aria-describedby={patternError ? `rule-${index}-error` : undefined}
                  onChange={(e) => update(index, { pattern: e.target.value })}
                />
                {patternError ? (
                  <p id={`rule-${index}-error`} className="mt-1 text-xs font-medium text-red-700">
                    {patternError}
                  </p>
                ) : null}
              </div>
              <Select className={FIELD_CELL} aria-label={`Pattern ${n}: environment`} value={rule.environment} onChange={(e) => update(index, { environment: e.target.value as EnvironmentRule["environment"] })}>
                {environments.map((env) => (
                  <option key={env} value={env}>
                    {env}
                  </option>
                ))}
              </Select>
              <span className={`flex gap-1 ${FIELD_CELL}`}>
                <Button variant="ghost" size="sm" aria-label={`Move pattern ${n} up`} disabled={index === 0} onClick={() => move(index, -1)}>
                  ↑
                </Button>
                <Button variant="ghost" size="sm" aria-label={`Move pattern ${n} down`} disabled={index === rules.length - 1} onClick={() => move(index, 1)}>
                  ↓
                </Button>
                <Button variant="danger-ghost" size="sm" aria-label={`Remove pattern ${n}`} onClick={() => setRules(rules.filter((_, i) => i !== index))}>
                  Remove
                </Button>
              </span>
            </li>
          );
        })}
      </ol>
      {rules.length === 0 ? <p className="text-sm text-zinc-600">No patterns: only events that state their environment get one.</p> : null}
      <div className="flex flex-wrap justify-between gap-2">
        <Button variant="secondary" onClick={() => setRules([...rules, NEW_RULE])}>
          Add pattern
        </Button>
        <span className="flex gap-2">
          <Button variant="ghost" disabled={!dirty || save.isPending} onClick={() => setRules(initial)}>
            Discard changes
          </Button>
          <Button disabled={!dirty || save.isPending} onClick={submit}>
            {save.isPending ? "Saving…" : "Save patterns"}
          </Button>
        </span>
      </div>
    </div>
  );
}
