"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ActorTypeBadge } from "@/components/activity-badges";
import { EventTable } from "@/components/event-table";
import { LoadError, LoadingBlock } from "@/components/query-boundary";
import { SectionHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { EventDto, EventPage } from "@/lib/domain/activity-query";
import { api, toSearch } from "@/lib/client/api";
import { formatDateTime } from "@/lib/client/format";
import { eventKeys } from "@/lib/client/query-keys";

/** How many recent events the origins are counted over; the full history is one click away on the Activity page. */
const WINDOW = 200;
const SHOWN = 15;

const credentialEventsQuery = (credentialId: string) => ({
  queryKey: eventKeys.byCredential(credentialId),
  queryFn: () => api.get<EventPage>(`/events${toSearch({ credential: credentialId, limit: WINDOW })}`),
});

type Origin = { key: string; ip: string | null; userAgent: string | null; application: string | null; count: number; lastSeen: string; agent: boolean };

/** Distinct (ip, user agent, application) triples, most used first: "where was this credential used from?" */
export function originsOf(events: EventDto[]): Origin[] {
  const byKey = new Map<string, Origin>();
  for (const e of events) {
    const ip = e.origin.ip ?? null;
    const userAgent = e.origin.userAgent ?? null;
    const application = e.origin.application ?? null;
    const key = JSON.stringify([ip, userAgent, application]);
    const seen = byKey.get(key) ?? { key, ip, userAgent, application, count: 0, lastSeen: e.occurredAt, agent: false };
    seen.count++;
    if (e.occurredAt > seen.lastSeen) seen.lastSeen = e.occurredAt;
    seen.agent ||= e.actorType === "agent";
    byKey.set(key, seen);
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count || b.lastSeen.localeCompare(a.lastSeen));
}

/** A credential's recent activity and the places it was used from; the credential page places it. */
export function CredentialActivity({ credentialId }: { credentialId: string }) {
  return (
    <section aria-label="Credential activity">
      <SectionHeader
        title="Activity"
        description="Recent uses of this credential, who or what used it, and from where."
        actions={
          <Link href={`/activity?credential=${encodeURIComponent(credentialId)}`} className="text-sm font-medium text-accent-700 hover:underline">
            All activity for this credential →
          </Link>
        }
      />
      <CredentialActivityBody credentialId={credentialId} />
    </section>
  );
}

/**
 * useQuery rather than useSuspenseQuery: the host page does not prefetch these events, and a suspending query would
 * try to fetch a relative /api URL during the server render. It loads in the browser instead.
 */
function CredentialActivityBody({ credentialId }: { credentialId: string }) {
  const { data, error, isPending, refetch } = useQuery(credentialEventsQuery(credentialId));
  if (isPending) return <LoadingBlock label="Loading activity…" />;
  if (error) return <LoadError title="Could not load this credential's activity." error={error} retry={() => refetch()} />;
  const events = data.items;
  if (events.length === 0) {
    return <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-6 text-center text-sm text-zinc-600">No activity recorded for this credential.</p>;
  }
  const flagged = events.filter((e) => e.flagged).length;
  const scope = data.nextCursor ? `the last ${events.length} events` : `${events.length} ${events.length === 1 ? "event" : "events"}`;
  return (
    <div className="space-y-5">
      <p className="text-sm text-zinc-700" data-testid="credential-activity-summary">
        {flagged > 0 ? <strong className="text-red-700">{flagged} flagged</strong> : "None flagged"} among {scope}.
      </p>
      <div>
        <h3 className="mb-2 text-sm font-semibold text-zinc-900">Where it was used from</h3>
        <OriginsTable origins={originsOf(events)} scope={scope} />
      </div>
      <div>
        <h3 className="mb-2 text-sm font-semibold text-zinc-900">Recent events</h3>
        <EventTable label="Recent events of this credential" events={events.slice(0, SHOWN)} showCredential={false} />
      </div>
    </div>
  );
}

function OriginsTable({ origins, scope }: { origins: Origin[]; scope: string }) {
  return (
    <Table label={`Origins of ${scope}`}>
      <THead>
        <Tr>
          <Th>IP</Th>
          <Th>User agent</Th>
          <Th>Application</Th>
          <Th className="text-right">Uses</Th>
          <Th>Last seen</Th>
        </Tr>
      </THead>
      <TBody>
        {origins.map((o) => (
          <Tr key={o.key} data-testid="origin-row">
            <Td className="font-mono text-xs">{o.ip ?? "—"}</Td>
            <Td className="max-w-72 text-xs break-all">
              {o.userAgent ?? "—"}
              {o.agent ? <span className="ml-1 align-middle"><ActorTypeBadge actorType="agent" /></span> : null}
            </Td>
            <Td className="text-xs">{o.application ?? "—"}</Td>
            <Td className="text-right tabular-nums">{o.count}</Td>
            <Td className="text-xs whitespace-nowrap text-zinc-600">{formatDateTime(o.lastSeen)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

