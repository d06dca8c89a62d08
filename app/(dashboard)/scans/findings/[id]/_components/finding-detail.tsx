"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { PageHeader, SectionHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/client/format";
import type { SecretFindingDto } from "@/lib/domain/scan";
import { SeverityBadge } from "@/components/severity-badge";
import { FindingStatusBadge } from "../../../_components/badges";
import { CredentialLink } from "../../../_components/exposures-table";
import { secretFindingQuery } from "../../../_lib/queries";
import { LocationsTable } from "./locations-table";

/** One exposed secret: what it is (by redacted preview), where it sits, who can read it and what it unlocks. */
export function FindingDetail({ id }: { id: string }) {
  const { data: f } = useSuspenseQuery(secretFindingQuery(id));
  return (
    <>
      <PageHeader title={f.title} description={`${f.provider} · ${f.kind.replaceAll("_", " ")} · found by ${f.detector} (${f.confidence} confidence)`} />
      <div className="mb-6 flex flex-wrap items-center gap-2">
        <SeverityBadge severity={f.severity} />
        <FindingStatusBadge resolvedAt={f.resolvedAt} />
        {f.allowed ? <span className="text-xs text-zinc-600">Accepted by .leashignore or leash:allow</span> : null}
      </div>
      <AgentAccess corpus={f.corpus} resolved={Boolean(f.resolvedAt)} />
      <dl className="mb-8 grid gap-4 rounded-lg border border-zinc-200 bg-white p-5 sm:grid-cols-2 lg:grid-cols-3">
        <Fact label="Redacted preview">
          <code className="font-mono text-sm text-zinc-900" data-testid="finding-preview">
            {f.preview}
          </code>
        </Fact>
        <Fact label="Inventory credential">
          <CredentialLink credential={f.credential} />
          {f.credential ? null : <span className="block text-xs text-zinc-600">Register its fingerprint or key id in the inventory to track its owner and rotation.</span>}
        </Fact>
        <Fact label="Corpus">
          <Link href={`/scans/corpora/${f.corpus.id}`} className="text-accent-700 hover:underline">
            {f.corpus.name}
          </Link>
        </Fact>
        {f.publicId ? (
          <Fact label="Public key id">
            <code className="font-mono text-xs">{f.publicId}</code>
          </Fact>
        ) : null}
        <Fact label="Fingerprint (HMAC-SHA-256)">
          <code className="font-mono text-xs break-all">{f.fingerprint}</code>
        </Fact>
        <Fact label="First seen">{formatDateTime(f.firstSeenAt)}</Fact>
        <Fact label="Last seen">{formatDateTime(f.lastSeenAt)}</Fact>
        {f.resolvedAt ? <Fact label="Resolved">{formatDateTime(f.resolvedAt)}</Fact> : null}
      </dl>
      <section aria-label="Locations">
        <SectionHeader title={`Locations (${f.locations.length})`} description="Where the last scan of the corpus saw this secret." />
        <LocationsTable locations={f.locations} />
      </section>
    </>
  );
}

function AgentAccess({ corpus, resolved }: { corpus: SecretFindingDto["corpus"]; resolved: boolean }) {
  if (!corpus.agentReadable) {
    return (
      <Alert tone="info" className="mb-6" title="Agents do not read this corpus">
        {corpus.name} is not marked agent-readable. People with access to it can still see the secret.
      </Alert>
    );
  }
  return (
    <Alert tone={resolved ? "warning" : "danger"} className="mb-6" title={resolved ? "Agents could read this secret" : "Agents can read this secret"}>
      {corpus.name} is read by agents{corpus.readers.length ? `: ${corpus.readers.join(", ")}` : ""}. Treat the secret as disclosed: rotate it, then remove it
      from the source.
    </Alert>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-zinc-600">{label}</dt>
      <dd className="mt-0.5 text-sm text-zinc-900">{children}</dd>
    </div>
  );
}
