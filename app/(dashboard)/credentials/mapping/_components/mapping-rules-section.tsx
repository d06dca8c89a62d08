"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SectionHeader } from "@/components/ui/page-header";
import { mappingRuleSetSchema } from "@/lib/domain/credential-mapping";
import { api, ApiError, errorMessage } from "@/lib/client/api";
import { auditKeys, mappingRuleKeys } from "@/lib/client/query-keys";
import { formatDateTime } from "@/lib/client/format";
import { mappingRulesQuery, type MappingRulesView } from "../../_lib/queries";
import { RulesTable } from "./rules-table";

type Problem = { path: string; message: string };

/** JSON first, then the shared zod schema: the same checks the server runs, shown before a round trip. */
function validate(text: string): { ok: true; value: unknown } | { ok: false; problems: Problem[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: "JSON", message: (error as Error).message }] };
  }
  const parsed = mappingRuleSetSchema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => ({ path: issue.path.join(".") || "rules", message: issue.message })) };
}

export function MappingRulesSection({ canManage }: { canManage: boolean }) {
  const { data } = useSuspenseQuery(mappingRulesQuery());
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const save = useMutation({
    mutationFn: (body: unknown) => api.put<MappingRulesView>("/settings/mapping-rules", body),
    onSuccess: (saved) => {
      queryClient.setQueryData(mappingRuleKeys.detail(), saved);
      setDraft(null);
      return queryClient.invalidateQueries({ queryKey: auditKeys.all });
    },
  });
  const serverProblems = save.error instanceof ApiError ? Object.entries(save.error.fields).map(([path, message]) => ({ path, message })) : [];
  const shown = [...problems, ...serverProblems];

  function submit() {
    const result = validate(draft ?? "");
    if (!result.ok) return setProblems(result.problems);
    setProblems([]);
    save.mutate(result.value);
  }

  return (
    <section aria-label="Mapping rules" className="space-y-4">
      <SectionHeader
        title={`${data.rules.length} rule${data.rules.length === 1 ? "" : "s"}`}
        description={data.updatedAt ? `Version ${data.version}, saved ${formatDateTime(data.updatedAt)} by ${data.updatedBy ?? "unknown"}.` : "Never edited."}
        actions={
          canManage && draft === null ? (
            <Button onClick={() => setDraft(JSON.stringify({ rules: data.rules }, null, 2))}>Edit rules</Button>
          ) : null
        }
      />
      {save.isSuccess && draft === null ? <Alert tone="success">Rules saved; they apply to imports from now on.</Alert> : null}
      {draft !== null ? (
        <div className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4">
          <label htmlFor="rules-json" className="block text-sm font-medium text-zinc-800">
            Rules (JSON)
          </label>
          <textarea
            id="rules-json"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            spellCheck={false}
            rows={18}
            aria-invalid={shown.length > 0 || undefined}
            aria-describedby={shown.length > 0 ? "rules-problems" : undefined}
            className="block w-full rounded-md border border-zinc-300 p-3 font-mono text-xs text-zinc-900 focus:border-accent-600 focus:ring-2 focus:ring-accent-600/20 focus:outline-none"
          />
          {shown.length > 0 ? (
            <ul id="rules-problems" role="alert" className="space-y-1 rounded-md border border-red-200 bg-red-50 p-3 text-xs text-red-800" data-testid="rule-problems">
              {shown.map((problem, index) => (
                <li key={index}>
                  <span className="font-mono font-semibold">{problem.path}</span>: {problem.message}
                </li>
              ))}
            </ul>
          ) : null}
          {save.isError && serverProblems.length === 0 ? <Alert tone="danger">{errorMessage(save.error)}</Alert> : null}
          <div className="flex gap-2">
            <Button onClick={submit} disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save rules"}
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                setDraft(null);
                setProblems([]);
                save.reset();
              }}
            >
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
      <RulesTable rules={data.rules} />
    </section>
  );
}
