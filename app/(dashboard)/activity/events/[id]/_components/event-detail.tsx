"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { ActorTypeBadge, EnvironmentBadge, FLAG_LABELS, FLAG_NAMES, OperationCell, OutcomeBadge } from "@/components/activity-badges";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Code } from "@/components/ui/code";
import { PageHeader } from "@/components/ui/page-header";
import { ReasonText } from "@/components/reason-text";
import type { EventDetailDto } from "@/lib/domain/activity-query";
import { visibleText } from "@/lib/domain/visible-text";
import type { NamedCredential } from "@/lib/domain/credential-mentions";
import { formatDateTime } from "@/lib/client/format";
import { CredentialCell } from "@/components/event-table";
import { eventQuery } from "../../../_lib/queries";
import { RawPayload } from "./raw-payload";

/** One event and why Leash classified it as it did; every value from the log is rendered as text. */
export function EventDetail({ id }: { id: number }) {
  const { data: event } = useSuspenseQuery(eventQuery(id));
  // The reasons name the event's credential by id; shown by its name, as the credential column shows it.
  const named = event.credential ? [{ id: event.credential.id, name: event.credential.name ?? event.credential.externalId }] : [];
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/activity" className="text-accent-700 hover:underline">
          ← Activity
        </Link>
      </p>
      <PageHeader
        title={`Event #${event.id}`}
        description={`${formatDateTime(event.occurredAt)} · ingested as ${event.format}`}
        actions={event.flagged ? <Badge tone="danger">Flagged</Badge> : null}
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <h2 className="mb-3 text-base font-semibold text-zinc-900">What happened</h2>
          <Facts event={event} />
        </Card>
        <Card>
          <h2 className="mb-3 text-base font-semibold text-zinc-900">Why Leash says so</h2>
          <dl className="space-y-3 text-sm">
            <Reason term="Attribution" testId="attribution-reason" text={event.attributionReason} credentials={named} />
            <Reason term="Destructive" text={event.destructiveReason} credentials={named} />
            <Reason term="Environment" text={event.environmentReason} credentials={named} />
          </dl>
          <h3 className="mt-5 mb-2 text-sm font-semibold text-zinc-900">Flags</h3>
          <ul className="space-y-2 text-sm">
            {FLAG_NAMES.map((flag) => (
              <li key={flag} data-testid={`flag-${flag}`} className="flex flex-col gap-0.5">
                <span className="flex items-center gap-2">
                  <span className="font-medium text-zinc-800">{FLAG_LABELS[flag]}</span>
                  {event[flag] ? <Badge tone="danger">raised</Badge> : <Badge tone="success">not raised</Badge>}
                </span>
                <span className="text-zinc-600">{event.flagReasons[flag] ? <ReasonText text={event.flagReasons[flag]} credentials={named} /> : "—"}</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <section aria-labelledby="raw-payload-title" className="mt-4">
        <h2 id="raw-payload-title" className="mb-2 text-base font-semibold text-zinc-900">
          Raw payload
        </h2>
        <p className="mb-2 text-sm text-zinc-600">What Leash kept of the event as parsed, including the source record (<Code>raw</Code>) as it was received.</p>
        <RawPayload payload={event.payload} />
      </section>
    </>
  );
}

function Facts({ event }: { event: EventDetailDto }) {
  const ref = event.credentialRef;
  return (
    <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-2 text-sm">
      <Fact term="Actor">
        <span className="flex flex-wrap items-center gap-2">
          <ActorTypeBadge actorType={event.actorType} />
          {event.agentName ? <span className="font-medium break-all">{visibleText(event.agentName)}</span> : null}
          {event.actor ? <span className="break-all text-zinc-700">{visibleText(event.actor)}</span> : null}
        </span>
      </Fact>
      <Fact term="On behalf of">
        <span className="break-all">{event.onBehalfOf ? visibleText(event.onBehalfOf) : "—"}</span>
      </Fact>
      <Fact term="Operation">
        <OperationCell event={event} />
      </Fact>
      <Fact term="Resource">
        <span className="flex flex-col items-start gap-1">
          <span className="font-mono text-xs break-all">{event.resource ? visibleText(event.resource) : "—"}</span>
          <EnvironmentBadge environment={event.resourceEnvironment} />
        </span>
      </Fact>
      <Fact term="Outcome">
        <OutcomeBadge outcome={event.outcome} />
      </Fact>
      <Fact term="Credential">
        <CredentialCell event={event} />
        {ref ? (
          <span className="mt-1 block text-xs text-zinc-500">
            {Object.entries(ref).map(([key, value]) => (
              <span key={key} className="mr-2">
                {key} <Code>{value}</Code>
              </span>
            ))}
          </span>
        ) : null}
      </Fact>
      <Fact term="Origin">
        <span className="flex flex-col text-xs">
          <span>IP: {event.origin.ip ?? "—"}</span>
          <span className="break-all">User agent: {event.origin.userAgent ? visibleText(event.origin.userAgent) : "—"}</span>
          <span>Application: {event.origin.application ?? "—"}</span>
        </span>
      </Fact>
      <Fact term="Approval">
        <ApprovalFact event={event} />
      </Fact>
      <Fact term="Ingest key">
        <span className="font-mono text-xs break-all text-zinc-600">{event.ingestKey}</span>
      </Fact>
    </dl>
  );
}

/** The Leash approval that covers the event, and the approval the source itself named (its approval_ref), if any. */
function ApprovalFact({ event }: { event: EventDetailDto }) {
  const covering = event.coveringApproval;
  if (!covering && !event.approvalRef) return <>none recorded</>;
  return (
    <span className="flex flex-col gap-1" data-testid="event-approval">
      {covering ? (
        <span className="break-all">
          approved by <span className="font-medium">{visibleText(covering.approver)}</span> via {covering.channel} <Code>{visibleText(covering.reference)}</Code>
          <span className="text-zinc-500"> · stated {formatDateTime(covering.approvedAt)}</span>
        </span>
      ) : (
        <span>no Leash approval covers it</span>
      )}
      {event.approvalRef ? (
        <span className="text-xs text-zinc-500">
          the source names <Code>{visibleText(event.approvalRef)}</Code>
        </span>
      ) : null}
    </span>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-zinc-500">{term}</dt>
      <dd className="min-w-0 text-zinc-900">{children}</dd>
    </>
  );
}

type ReasonProps = { term: string; testId?: string; text: string | null; credentials: readonly NamedCredential[] };

function Reason({ term, testId, text, credentials }: ReasonProps) {
  return (
    <div>
      <dt className="font-medium text-zinc-800">{term}</dt>
      <dd className="text-zinc-700" data-testid={testId}>
        {text ? <ReasonText text={text} credentials={credentials} /> : "—"}
      </dd>
    </div>
  );
}
