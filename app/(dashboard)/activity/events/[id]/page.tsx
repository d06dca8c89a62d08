import { notFound } from "next/navigation";
import { Hydrate } from "@/components/hydrate";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { SubjectFindings } from "@/components/subject-findings";
import { eventKeys } from "@/lib/client/query-keys";
import { getEvent } from "@/lib/server/activity";
import { AppError } from "@/lib/server/errors";
import { requireViewer } from "@/lib/server/session";
import { EventDetail } from "./_components/event-detail";

type PageProps = { params: Promise<{ id: string }> };

export default async function EventPage({ params }: PageProps) {
  const viewer = await requireViewer();
  const { id: raw } = await params;
  const id = /^\d{1,15}$/.test(raw) ? Number(raw) : null;
  if (id === null) notFound();
  // Another team's event (or a made-up id) is simply not found: its existence is not leaked.
  const event = await getEvent(viewer, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
  if (!event) notFound();
  return (
    <Hydrate queries={[{ queryKey: eventKeys.detail(id), data: event }]}>
      <PageTitle name="Activity event" />
      <QueryBoundary>
        <EventDetail id={id} />
      </QueryBoundary>
      <div className="mt-6">
        <SubjectFindings
          of={{ subjectKind: "event", subjectId: String(id) }}
          description="Rules this event fails (cross-environment, unapproved destructive, after expiry, incomplete attribution), with status and due date."
        />
      </div>
    </Hydrate>
  );
}
