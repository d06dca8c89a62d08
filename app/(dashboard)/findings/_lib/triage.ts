import type { FindingDto, FindingUpdate } from "@/lib/domain/posture";

/** The triage form's fields as picked: an assignee id ("" for unassigned) and a status. */
export type TriageDraft = { assignee: string; status: string };

export const UNASSIGNED = "";

export function triageDraftOf(finding: Pick<FindingDto, "assignee" | "status">): TriageDraft {
  return { assignee: finding.assignee?.id ?? UNASSIGNED, status: finding.status };
}

/**
 * Only what differs from the stored finding, or null when nothing does (the form then has nothing to save). Status
 * is a person's to change only between open and in progress; resolved and risk accepted are Leash's to set.
 */
export function triageChange(finding: Pick<FindingDto, "assignee" | "status">, draft: TriageDraft): FindingUpdate | null {
  const stored = triageDraftOf(finding);
  const change: FindingUpdate = {};
  if (draft.assignee !== stored.assignee) change.assigneeId = draft.assignee === UNASSIGNED ? null : draft.assignee;
  const active = stored.status === "open" || stored.status === "in_progress";
  if (active && draft.status !== stored.status && (draft.status === "open" || draft.status === "in_progress")) change.status = draft.status;
  return change.assigneeId === undefined && change.status === undefined ? null : change;
}
