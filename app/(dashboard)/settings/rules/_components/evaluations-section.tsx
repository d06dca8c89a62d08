"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SectionHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { WrappingDateTime } from "@/components/wrapping-date-time";
import type { EvaluationRunDto } from "@/lib/domain/posture";
import { api, errorMessage } from "@/lib/client/api";
import { auditKeys, evaluationKeys, findingKeys, postureKeys } from "@/lib/client/query-keys";
import { evaluationRunsQuery } from "../_lib/queries";

const STATUS_TONES: Record<EvaluationRunDto["status"], BadgeTone> = { running: "accent", completed: "success", failed: "danger" };

function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

const count = (n: number) => n.toLocaleString("en-US");

/** Recent evaluation runs, with the rules and parameters versions each ran with; admins may start a full run. */
export function EvaluationsSection({ canRun }: { canRun: boolean }) {
  const { data: runs } = useSuspenseQuery(evaluationRunsQuery());
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: () => api.post<EvaluationRunDto>("/evaluations", {}),
    // A full run changes findings and posture everywhere, so every view of them refetches.
    onSuccess: () => Promise.all([evaluationKeys.all, findingKeys.all, postureKeys.all, auditKeys.all].map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
  const last = run.data;

  return (
    <section aria-label="Evaluations" className="space-y-4">
      <SectionHeader
        title="Evaluations"
        description="Each run evaluates every rule against its subjects, opens findings for new failures and resolves those that now pass."
        actions={
          canRun ? (
            <Button disabled={run.isPending} onClick={() => run.mutate()}>
              {run.isPending ? "Evaluating…" : "Run full evaluation"}
            </Button>
          ) : null
        }
      />
      {run.isError ? <Alert tone="danger">{errorMessage(run.error)}</Alert> : null}
      {last ? (
        <Alert tone={last.status === "failed" ? "danger" : "success"} title={last.status === "failed" ? "Evaluation failed" : "Evaluation finished"}>
          {last.status === "failed"
            ? last.failure ?? "See the server log."
            : `${count(last.subjects)} subjects, ${count(last.evaluations)} evaluations, ${count(last.failed)} failed; ${count(last.opened)} findings opened, ${count(last.resolved)} resolved in ${formatDuration(last.durationMs)}.`}
        </Alert>
      ) : null}
      {runs.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-6 text-center text-sm text-zinc-600">No evaluation has run yet.</p>
      ) : (
        <Table label="Evaluation runs">
          <THead>
            <Tr>
              <Th>Started</Th>
              <Th>Scope, trigger</Th>
              <Th>Rules, parameters</Th>
              <Th className="text-right">Duration</Th>
              <Th className="text-right">Subjects</Th>
              <Th className="text-right">Evaluations</Th>
              <Th className="text-right">Failed</Th>
              <Th className="text-right">Opened</Th>
              <Th className="text-right">Resolved</Th>
              <Th>Status</Th>
            </Tr>
          </THead>
          <TBody>
            {runs.map((r) => (
              <Tr key={r.id} data-testid={`evaluation-run-${r.id}`}>
                <Td className="text-zinc-600">
                  <WrappingDateTime iso={r.startedAt} />
                </Td>
                {/* Paired in one cell each, one above the other: twelve columns side by side overflowed a 1440 px window. */}
                <Td>
                  <span className="block">{r.scope}</span>
                  <span className="block text-xs text-zinc-600">{r.trigger}</span>
                </Td>
                <Td className="font-mono text-xs">
                  <span className="block">{r.rulesVersion}</span>
                  <span className="block text-zinc-600" title={`hash ${r.parametersHash}`}>
                    parameters v{r.parametersVersion}
                  </span>
                </Td>
                <Td className="text-right tabular-nums">{formatDuration(r.durationMs)}</Td>
                <Td className="text-right tabular-nums">{count(r.subjects)}</Td>
                <Td className="text-right tabular-nums">{count(r.evaluations)}</Td>
                <Td className="text-right tabular-nums">{count(r.failed)}</Td>
                <Td className="text-right tabular-nums">{count(r.opened)}</Td>
                <Td className="text-right tabular-nums">{count(r.resolved)}</Td>
                <Td title={r.failure ?? undefined}>
                  <Badge tone={STATUS_TONES[r.status]}>{r.status}</Badge>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}
