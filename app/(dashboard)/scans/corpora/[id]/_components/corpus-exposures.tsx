"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ExposuresTable } from "../../../_components/exposures-table";
import { corpusFindingsFilter } from "../../../_lib/filters";
import { secretFindingsQuery } from "../../../_lib/queries";

export function CorpusExposures({ corpusId }: { corpusId: string }) {
  const { data: findings } = useSuspenseQuery(secretFindingsQuery(corpusFindingsFilter(corpusId)));
  const open = findings.filter((f) => !f.resolvedAt).length;
  if (findings.length === 0) {
    return <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-6 text-center text-sm text-zinc-600">No secrets found in this corpus.</p>;
  }
  return (
    <>
      <p className="mb-2 text-sm text-zinc-700" aria-live="polite" data-testid="corpus-exposure-summary">
        {open} open, {findings.length - open} resolved
      </p>
      <ExposuresTable findings={findings} label="Exposures in this corpus" showCorpus={false} showStatus />
    </>
  );
}
