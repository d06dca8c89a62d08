"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { formatDateTime } from "@/lib/client/format";
import type { ControlStatus } from "@/lib/rules";
import { postureQuery } from "../_lib/queries";
import { formatScore, STATUS_LABELS } from "@/components/control-status";
import { ControlsTable } from "./controls-table";

/** A framework's posture at one instant: the score, what produced it, and each control with its population. */
export function PostureView({ framework, asOf }: { framework: string; asOf: string | undefined }) {
  const { data } = useSuspenseQuery(postureQuery(framework, asOf));
  const tally = new Map<ControlStatus, number>();
  for (const c of data.controls) tally.set(c.status, (tally.get(c.status) ?? 0) + 1);
  const statusLine = (Object.keys(STATUS_LABELS) as ControlStatus[])
    .filter((s) => tally.get(s))
    .map((s) => `${tally.get(s)} ${STATUS_LABELS[s].toLowerCase()}`)
    .join(", ");

  return (
    <section aria-labelledby="posture-title">
      <div className="mb-4 grid gap-3 rounded-lg border border-zinc-200 bg-white p-4 sm:grid-cols-[auto_1fr]">
        <div className="pr-6 sm:border-r sm:border-zinc-200">
          <h2 id="posture-title" className="text-sm font-medium text-zinc-600">
            {data.framework_name}
          </h2>
          <p className="text-3xl font-semibold text-zinc-900 tabular-nums" data-testid="framework-score">
            {formatScore(data.score)}
          </p>
          <p className="text-xs text-zinc-500">{data.score === null ? "nothing evaluated" : "mean of control scores"}</p>
        </div>
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
          <Term label="As of">{asOf ? formatDateTime(data.as_of) : `now (${formatDateTime(data.as_of)})`}</Term>
          <Term label="Evaluated at">{formatDateTime(data.evaluated_at)}</Term>
          <Term label="Rules version">
            <span className="font-mono">{data.rules_version}</span>
          </Term>
          <Term label="Parameters version">
            <span className="font-mono">{data.parameters_version}</span>
          </Term>
          <Term label="Controls">{statusLine || "none"}</Term>
        </dl>
      </div>
      <ControlsTable framework={framework} frameworkName={data.framework_name} asOf={asOf} controls={data.controls} />
    </section>
  );
}

function Term({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex gap-2">
      <dt className="text-zinc-500">{label}:</dt>
      <dd className="text-zinc-900">{children}</dd>
    </div>
  );
}
