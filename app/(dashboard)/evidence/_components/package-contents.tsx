"use client";

import { useQuery } from "@tanstack/react-query";
import { Code } from "@/components/ui/code";
import type { PopulationCounts } from "@/lib/domain/posture";
import { postureQuery } from "../../controls/_lib/queries";
import { describeCoverage } from "../_lib/coverage";
import type { BuildFormValues } from "../_lib/build-request";

export type FrameworkChoice = { id: string; label: string; controls: { id: string; title: string }[] };

const CONTENTS: { path: string; what: string }[] = [
  { path: "manifest.json + manifest.sig", what: "what the package is and every file with its SHA-256, size and record count; the Ed25519 signature over it" },
  { path: "SHA256SUMS + SHA256SUMS.sig", what: "every file's SHA-256, for sha256sum -c; the Ed25519 signature over it" },
  { path: "README.txt", what: "the scope, who built it, and how to check it without Leash" },
  { path: "summary/controls.csv", what: "each control's status, score and population counts" },
  { path: "summary/daily-controls.csv", what: "each control's status and score on each day of the period (or the 30 days up to the instant)" },
  { path: "populations/<control>.csv", what: "every evaluated item of a control with its result and reason" },
  { path: "inventory/", what: "the credentials in scope" },
  { path: "findings/", what: "rule findings with status and due dates" },
  { path: "exceptions/", what: "the exceptions register with who decided and until when" },
  { path: "scans/", what: "the scanned corpora, every scan run, and the secrets found, redacted: previews only, never a value or its fingerprint" },
  { path: "activity/", what: "every event the populations evaluated, and the flagged operations" },
  { path: "audit/", what: "the audit log with its hash-chain verification" },
  { path: "report.pdf", what: "the printable report, one section per page" },
  { path: "oscal/", what: "OSCAL assessment results and plan of action and milestones (POA&M)" },
];

type PackageContentsProps = {
  /** The framework and scope the build form holds; without them (a role that cannot build) only the files are listed. */
  selection?: { framework: FrameworkChoice; values: Omit<BuildFormValues, "framework">; emptyAsOf?: string };
};

/** What a package for the chosen framework and scope will hold, so an auditor knows what to ask for before building one. */
export function PackageContents({ selection }: PackageContentsProps) {
  return (
    <section aria-labelledby="package-contents-title" className="rounded-lg border border-zinc-200 bg-white p-5">
      <h2 id="package-contents-title" className="text-base font-semibold text-zinc-900">
        {selection ? `What the ${selection.framework.label} package will contain` : "What the package contains"}
      </h2>
      {selection ? <Scope {...selection} /> : null}
      <details className="mt-3 text-sm text-zinc-700" open={!selection}>
        <summary className="cursor-pointer font-medium text-zinc-800">Files in every package</summary>
        <ul className="mt-2 space-y-1.5">
          {CONTENTS.map((item) => (
            <li key={item.path}>
              <Code>{item.path}</Code> <span className="text-zinc-600">— {item.what}</span>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

function Scope({ framework, values, emptyAsOf }: NonNullable<PackageContentsProps["selection"]>) {
  const coverage = describeCoverage(values, emptyAsOf);
  // Only "as of now" shows counts: the latest evaluation's tallies are already there; a past instant is rebuilt at build time.
  const posture = useQuery({ ...postureQuery(framework.id), enabled: coverage.liveCounts });
  const counts = coverage.liveCounts ? new Map(posture.data?.controls.map((c) => [c.id, c.population])) : null;
  return (
    <div className="mt-3 space-y-3 text-sm text-zinc-700" data-testid="package-scope-preview">
      <p>{coverage.text}</p>
      <p>
        {framework.controls.length} {framework.controls.length === 1 ? "control" : "controls"}, each with its population file
        {coverage.liveCounts ? (posture.isError ? "; the current counts could not be read." : ":") : "; the population counts are computed when the package is built."}
      </p>
      <ul aria-label={`${framework.label} controls`} className="space-y-1">
        {framework.controls.map((c) => (
          <li key={c.id} data-testid="contents-control">
            <Code>{c.id}</Code> <span className="text-zinc-600">{c.title}</span>
            {counts ? <PopulationSize counts={counts.get(c.id)} loading={posture.isPending} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function PopulationSize({ counts, loading }: { counts: PopulationCounts | undefined; loading: boolean }) {
  if (!counts) return loading ? <span className="text-zinc-500"> — counting…</span> : null;
  const total = counts.pass + counts.fail + counts.excepted + counts.not_applicable;
  return (
    <span className="text-zinc-600" data-testid="contents-population">
      {" "}
      — {total} {total === 1 ? "item" : "items"} ({counts.pass} pass, {counts.fail} fail, {counts.excepted} excepted)
    </span>
  );
}
