"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { SectionHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/client/format";
import type { CredentialVersionDto } from "@/lib/domain/credential-query";
import { fieldLabel } from "../../_lib/field-labels";
import { credentialHistoryQuery } from "../../_lib/queries";

const KIND_LABELS: Record<CredentialVersionDto["changeKind"], string> = {
  import: "import",
  api: "API",
  person: "edit",
  system: "system",
};

// The first version records ["created"] rather than listing every field it stated.
function describeChange(fields: string[]): string {
  if (fields.includes("created")) return "Created.";
  if (fields.length === 0) return "No field changes.";
  return `Changed: ${fields.map(fieldLabel).join(", ")}`;
}

/** Newest first: the question is usually "what changed last, and who did it". */
/** `linkRuns` is off for engineers: they can open only the runs they started, so others' would be dead links. */
export function HistoryTimeline({ credentialId, linkRuns }: { credentialId: string; linkRuns: boolean }) {
  const { data: versions } = useSuspenseQuery(credentialHistoryQuery(credentialId));
  return (
    <section aria-labelledby="history-heading" className="rounded-lg border border-zinc-200 bg-white p-5">
      <SectionHeader title="Version history" description="Every change is a new version; nothing is overwritten." />
      <h2 id="history-heading" className="sr-only">
        Version history
      </h2>
      <ol className="relative space-y-5 border-l border-zinc-200 pl-5" data-testid="history">
        {versions.map((v) => (
          <li key={v.version} className="relative" data-testid="history-version">
            <span aria-hidden="true" className="absolute top-1 -left-[1.65rem] size-3 rounded-full border-2 border-white bg-accent-600 ring-1 ring-zinc-300" />
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-semibold text-zinc-900">Version {v.version}</span>
              <Badge tone={v.changeKind === "person" ? "success" : "neutral"}>{KIND_LABELS[v.changeKind]}</Badge>
              {v.validTo === null ? <Badge tone="accent">current</Badge> : null}
              <time dateTime={v.validFrom} className="text-zinc-600">
                {formatDateTime(v.validFrom)}
              </time>
            </p>
            <p className="mt-1 text-sm text-zinc-700">
              by <span className="font-medium">{v.changedBy}</span>
              {v.importRunId && !linkRuns ? <> in import run {v.importRunId.slice(0, 8)}</> : null}
              {v.importRunId && linkRuns ? (
                <>
                  {" "}
                  in{" "}
                  <Link href={`/credentials/imports/${v.importRunId}`} className="text-accent-700 underline">
                    import run {v.importRunId.slice(0, 8)}
                  </Link>
                </>
              ) : null}
            </p>
            <p className="mt-1 text-sm text-zinc-600" data-testid="changed-fields">
              {describeChange(v.changedFields)}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
