"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ExposuresTable } from "../../../_components/exposures-table";
import { corpusFindingsFilter } from "../../../_lib/filters";
import { corpusQuery, secretFindingsQuery } from "../../../_lib/queries";

/**
 * `partial`: the viewer sees only their teams' exposures here (an engineer, in a corpus their team does not own).
 * An empty list never reads as "all clear" when it is not: a corpus no scan has read yet, or secrets the viewer may not see.
 */
export function CorpusExposures({ corpusId, partial }: { corpusId: string; partial: boolean }) {
  const { data: corpus } = useSuspenseQuery(corpusQuery(corpusId));
  const { data: findings } = useSuspenseQuery(secretFindingsQuery(corpusFindingsFilter(corpusId)));
  const open = findings.filter((f) => !f.resolvedAt).length;
  if (findings.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-6 text-center text-sm text-zinc-600" data-testid="corpus-exposures-empty">
        {corpus.lastScanAt === null
          ? "Not scanned yet: nothing is known about secrets in this corpus until a scan reads it."
          : partial
            ? "No exposure here that your teams can see: you see secrets of your teams' credentials, and any in a corpus your team owns. Scan runs count every secret found."
            : "No secrets found in this corpus."}
      </p>
    );
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
