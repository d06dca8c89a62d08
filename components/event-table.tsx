import Link from "next/link";
import { ActorTypeBadge, EnvironmentBadge, FlagBadges, OperationCell, OutcomeBadge } from "@/components/activity-badges";
import { cn } from "@/components/ui/cn";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { EventDto } from "@/lib/domain/activity-query";
import { visibleText } from "@/lib/domain/visible-text";
import { WrappingDateTime } from "@/components/wrapping-date-time";
import { formatDateTime } from "@/lib/client/format";

/**
 * One row per event; the time links to the event page, where the reasons and the raw payload are. The credential
 * column is left out where every row has the same credential (its own page).
 */
export function EventTable({ label, events, showCredential = true }: { label: string; events: EventDto[]; showCredential?: boolean }) {
  return (
    <Table label={label}>
      <THead>
        <Tr>
          <Th>Time</Th>
          <Th>Actor</Th>
          <Th>Operation</Th>
          <Th>Resource</Th>
          <Th>Outcome</Th>
          {showCredential ? <Th>Credential</Th> : null}
          <Th>Flags</Th>
        </Tr>
      </THead>
      <TBody>
        {events.map((event) => (
          <EventRow key={event.id} event={event} showCredential={showCredential} />
        ))}
      </TBody>
    </Table>
  );
}

function EventRow({ event, showCredential }: { event: EventDto; showCredential: boolean }) {
  return (
    <Tr data-testid="event-row" className={cn(event.flagged && "bg-red-50/40")}>
      <Td>
        <Link href={`/activity/events/${event.id}`} className="font-medium text-accent-700 hover:underline" aria-label={`Event ${event.id} at ${formatDateTime(event.occurredAt)}`}>
          <WrappingDateTime iso={event.occurredAt} />
        </Link>
      </Td>
      <Td>
        <ActorCell event={event} />
      </Td>
      <Td>
        <OperationCell event={event} />
      </Td>
      <Td>
        <span className="block max-w-64 min-w-40 font-mono text-xs break-all text-zinc-800">{event.resource ? visibleText(event.resource) : "—"}</span>
        <span className="mt-0.5 block">
          <EnvironmentBadge environment={event.resourceEnvironment} />
        </span>
      </Td>
      <Td>
        <OutcomeBadge outcome={event.outcome} />
      </Td>
      {showCredential ? (
        <Td>
          <CredentialCell event={event} />
        </Td>
      ) : null}
      <Td>
        <FlagBadges event={event} />
      </Td>
    </Tr>
  );
}

/** Who acted, as the log said it: bidirectional overrides and control characters are shown, never applied. */
function ActorCell({ event }: { event: EventDto }) {
  return (
    <span className="flex flex-col items-start gap-0.5">
      <ActorTypeBadge actorType={event.actorType} />
      {event.agentName ? <span className="max-w-48 text-xs font-medium break-all text-zinc-900">{visibleText(event.agentName)}</span> : null}
      {event.actor ? <span className="max-w-48 truncate text-xs text-zinc-600" title={visibleText(event.actor)}>{visibleText(event.actor)}</span> : null}
      {event.onBehalfOf ? <span className="max-w-48 text-xs break-all text-zinc-600">on behalf of {visibleText(event.onBehalfOf)}</span> : null}
    </span>
  );
}

export function CredentialCell({ event }: { event: Pick<EventDto, "credential"> }) {
  if (!event.credential) return <span className="text-xs text-zinc-500 italic">unlinked</span>;
  return (
    <Link href={`/credentials/${event.credential.id}`} className="block max-w-56 min-w-32 text-xs wrap-anywhere text-accent-700 hover:underline">
      {event.credential.name ?? event.credential.externalId}
    </Link>
  );
}
