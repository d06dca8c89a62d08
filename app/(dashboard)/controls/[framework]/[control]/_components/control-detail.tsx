"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { PageLink } from "@/components/page-link";
import { useRouter } from "next/navigation";
import { useTransition, type ReactNode } from "react";
import { formatDateTime, pageRangeText } from "@/lib/client/format";
import { ControlStatusBadge, RESULT_LABELS, ScoreLink } from "@/components/control-status";
import { controlHref, nextPageHref, previousPageHref, type PopulationParams } from "../../../_lib/params";
import { controlQuery } from "../../../_lib/queries";
import { PopulationFilters } from "./population-filters";
import { PopulationTable } from "./population-table";
import { RulesTable } from "./rules-table";

type ControlDetailProps = { framework: string; controlId: string; params: PopulationParams; prev: string[]; asOfForm: ReactNode };

/** One control: its verdict, the rules behind it with their counts, and the population, filterable and paged. */
export function ControlDetail({ framework, controlId, params, prev, asOfForm }: ControlDetailProps) {
  const { data } = useSuspenseQuery(controlQuery(framework, controlId, params as Record<string, string>));
  const router = useRouter();
  const [busy, startTransition] = useTransition();
  const go = (href: string) => startTransition(() => router.push(href, { scroll: false }));
  const { control, population } = data;
  const hrefFor = (changes: PopulationParams) => controlHref(framework, controlId, { as_of: params.as_of, limit: params.limit, ...changes });

  const limit = Number(params.limit ?? 100);
  const first = population.total === 0 ? 0 : prev.length * limit + 1;
  const last = prev.length * limit + population.items.length;
  const previous = previousPageHref(framework, controlId, params, prev);
  const next = population.next_cursor ? nextPageHref(framework, controlId, params, prev, population.next_cursor) : null;
  const filtered = [params.result ? RESULT_LABELS[params.result as keyof typeof RESULT_LABELS].toLowerCase() : null, params.rule ?? null].filter(Boolean).join(", ");

  return (
    <>
      <header className="mb-5">
        <p className="text-sm text-zinc-600">{data.framework_name}</p>
        <h1 className="text-xl font-semibold tracking-tight text-zinc-900">
          <span className="font-mono">{control.id}</span> {control.title}
        </h1>
        <div className="mt-2 flex flex-wrap items-center gap-3 text-sm text-zinc-700">
          <span data-testid="control-status">
            <ControlStatusBadge status={control.status} />
          </span>
          <span>
            {/* The population below, without the result or rule filters: what the score weighs. */}
            Score{" "}
            <strong className="tabular-nums" data-testid="control-score">
              <ScoreLink score={control.score} controlId={control.id} href={`${hrefFor({})}#population-title`} className="text-accent-700" />
            </strong>
          </span>
          <span>As of {params.as_of ? formatDateTime(data.as_of) : `now (${formatDateTime(data.as_of)})`}</span>
        </div>
      </header>
      {asOfForm}
      <section aria-labelledby="rules-title" className="mb-8">
        <h2 id="rules-title" className="mb-3 text-base font-semibold text-zinc-900">
          Rules of this control
        </h2>
        <RulesTable controlId={control.id} rules={data.rules} hrefFor={hrefFor} />
      </section>
      <section aria-labelledby="population-title" aria-busy={busy}>
        <h2 id="population-title" className="mb-3 text-base font-semibold text-zinc-900">
          Population
        </h2>
        <PopulationFilters rules={data.rules} value={params} busy={busy} onApply={(changes) => go(hrefFor(changes))} />
        <p className="mb-2 text-sm text-zinc-700" aria-live="polite" data-testid="population-total">
          {population.total === 0
            ? `No items${filtered ? ` (${filtered})` : ""}`
            : `${pageRangeText(first, last, population.total, { one: "item", many: "items" })}${filtered ? ` (${filtered})` : ""}`}
          {busy ? <span className="ml-2 text-zinc-500">Loading…</span> : null}
        </p>
        <div className={busy ? "opacity-60 transition-opacity" : undefined}>
          <PopulationTable items={population.items} />
        </div>
        <nav aria-label="Pages" className="mt-3 flex items-center justify-end gap-2">
          <span className="text-sm text-zinc-600">Page {prev.length + 1}</span>
          <PageLink href={previous} label="Previous" onGo={go} />
          <PageLink href={next} label="Next" onGo={go} />
        </nav>
      </section>
    </>
  );
}
