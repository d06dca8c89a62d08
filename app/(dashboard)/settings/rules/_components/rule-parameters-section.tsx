"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SectionHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { RuleParametersDto, RuleParametersInput } from "@/lib/domain/posture";
import { api, ApiError, errorMessage } from "@/lib/client/api";
import { formatDateTime } from "@/lib/client/format";
import { serverFieldErrors } from "@/lib/client/form";
import { auditKeys, evaluationKeys, findingKeys, postureKeys, ruleParameterKeys } from "@/lib/client/query-keys";
import { errorFor, fromDraft, parameterKind, parameterNames, toDraft, type DraftValue, type FieldErrors, type ParametersDraft } from "../_lib/parameter-draft";
import { ruleParametersQuery } from "../_lib/queries";
import { ParameterInput } from "./parameter-input";
import { SeverityBadge } from "@/components/severity-badge";
import { AgentRuntimesInput } from "./agent-runtimes-input";
import { SlaInputs } from "./sla-inputs";

function versionLine(data: RuleParametersDto): string {
  const saved = data.updatedAt ? `saved ${formatDateTime(data.updatedAt)} by ${data.updatedBy ?? "unknown"}` : "defaults, never edited";
  return `Parameters version ${data.version} (${saved}).`;
}

/** Every rule with its tunable parameters and the finding SLAs. Admins edit; auditors read the same values. */
export function RuleParametersSection({ canManage }: { canManage: boolean }) {
  const { data } = useSuspenseQuery(ruleParametersQuery());
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ParametersDraft>(() => toDraft(data));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const save = useMutation({
    mutationFn: (input: RuleParametersInput) => api.put<RuleParametersDto>("/settings/rule-parameters", input),
    onSuccess: (saved) => {
      queryClient.setQueryData(ruleParameterKeys.detail(), saved);
      setDraft(toDraft(saved));
      setSavedVersion(saved.version);
      // Saving re-evaluated everything: verdicts, findings and scores all moved.
      for (const keys of [auditKeys, evaluationKeys, findingKeys, postureKeys]) void queryClient.invalidateQueries({ queryKey: keys.all });
    },
  });
  const shown: FieldErrors = { ...serverFieldErrors(save.error), ...errors };
  const dirty = JSON.stringify(draft) !== JSON.stringify(toDraft(data));
  const hasFieldErrors = Object.keys(shown).length > 0;

  const setValue = (ruleId: string, name: string, value: DraftValue) => {
    setSavedVersion(null);
    setDraft((d) => ({ ...d, rules: { ...d.rules, [ruleId]: { ...d.rules[ruleId], [name]: value } } }));
  };
  function submit() {
    const { input, errors: found } = fromDraft(data, draft);
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate(input);
  }
  function discard() {
    setDraft(toDraft(data));
    setErrors({});
    save.reset();
  }

  return (
    <section aria-label="Rule parameters" className="space-y-4">
      <SectionHeader
        title="Rules and parameters"
        description={`${versionLine(data)} Every evaluation records the parameters version it ran with; a change applies from the next evaluation.`}
      />
      {savedVersion !== null && !dirty ? <Alert tone="success">Parameters saved as version {savedVersion}; every credential, event and corpus was re-evaluated with them.</Alert> : null}
      {save.isError && !(save.error instanceof ApiError && Object.keys(save.error.fields).length > 0) ? <Alert tone="danger">{errorMessage(save.error)}</Alert> : null}
      {hasFieldErrors ? <Alert tone="danger">Some values are not valid; see the messages next to them.</Alert> : null}
      <Table label="Rules">
        <THead>
          <Tr>
            <Th>Rule</Th>
            <Th>Severity</Th>
            <Th>Subject</Th>
            <Th>Parameters</Th>
          </Tr>
        </THead>
        <TBody>
          {data.rules.map((rule) => {
            const names = parameterNames(rule);
            const ruleError = shown[`rules.${rule.id}`];
            return (
              <Tr key={rule.id} data-testid={`rule-row-${rule.id}`}>
                <Td className="align-top">
                  <span className="font-mono text-xs font-semibold text-zinc-900">{rule.id}</span>
                  <span className="ml-2 text-zinc-800">{rule.title}</span>
                </Td>
                <Td className="align-top">
                  <SeverityBadge severity={rule.severity} />
                </Td>
                <Td className="align-top text-zinc-600">{rule.subject.replace("_", " ")}</Td>
                <Td className="space-y-2 align-top">
                  {names.length === 0 ? <span className="text-zinc-500">No parameters</span> : null}
                  {names.map((name) => (
                    <ParameterInput
                      key={name}
                      ruleId={rule.id}
                      name={name}
                      kind={parameterKind(rule, name)}
                      value={draft.rules[rule.id]?.[name] ?? ""}
                      defaultValue={rule.defaults[name]}
                      error={errorFor(shown, `rules.${rule.id}.${name}`)}
                      editable={canManage}
                      onChange={(value) => setValue(rule.id, name, value)}
                    />
                  ))}
                  {ruleError ? <p className="text-xs font-medium text-red-700">{ruleError}</p> : null}
                </Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>
      <SlaInputs
        values={draft.slas}
        errors={shown}
        editable={canManage}
        onChange={(severity, value) => {
          setSavedVersion(null);
          setDraft((d) => ({ ...d, slas: { ...d.slas, [severity]: value } }));
        }}
      />
      <AgentRuntimesInput
        custom={draft.agentRuntimesCustom}
        text={draft.agentRuntimes}
        errors={shown}
        editable={canManage}
        onChange={({ custom, text }) => {
          setSavedVersion(null);
          setDraft((d) => ({ ...d, agentRuntimesCustom: custom, agentRuntimes: text }));
        }}
      />
      {canManage ? (
        <div className="flex justify-end gap-2">
          <Button variant="ghost" disabled={!dirty || save.isPending} onClick={discard}>
            Discard changes
          </Button>
          <Button disabled={!dirty || save.isPending} onClick={submit}>
            {save.isPending ? "Saving…" : "Save parameters"}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
