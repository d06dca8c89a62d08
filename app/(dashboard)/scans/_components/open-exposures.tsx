"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import type { FindingFilters } from "../_lib/filters";
import { hasNarrowingFilters } from "../_lib/filters";
import { corporaQuery, scanRunsQuery, secretFindingsQuery } from "../_lib/queries";
import { ExposureFilters } from "./exposure-filters";
import { ExposuresTable } from "./exposures-table";

/** The API's default page; more than this and the list says it shows only the most recently seen. */
const LIMIT = 100;

const STATUS_WORDS: Record<string, string> = { open: "open", resolved: "resolved", all: "" };

/** Exposures grouped by secret (one row each, however many places it appears), filtered by the URL. */
export function OpenExposures({ filters }: { filters: FindingFilters }) {
  const { data: corpora } = useSuspenseQuery(corporaQuery());
  const { data: runs } = useSuspenseQuery(scanRunsQuery());
  const { data: findings } = useSuspenseQuery(secretFindingsQuery(filters as Record<string, string>));
  const word = STATUS_WORDS[filters.status ?? "open"] ?? "";
  const noun = `${word ? `${word} ` : ""}exposure${findings.length === 1 ? "" : "s"}`;
  return (
    <div>
      <ExposureFilters value={filters} corpora={corpora.map((c) => ({ id: c.id, name: c.name }))} runs={runs} />
      <p className="mb-2 text-sm text-zinc-700" aria-live="polite" data-testid="exposure-total">
        {findings.length === 0 ? `No ${noun}${hasNarrowingFilters(filters) ? " match these filters" : ""}.` : `${findings.length} ${noun}${findings.length >= LIMIT ? " (the most recently seen; narrow the filters to see others)" : ""}`}
      </p>
      {findings.length > 0 ? <ExposuresTable findings={findings} label="Exposures" showStatus={filters.status !== "open"} /> : null}
    </div>
  );
}
