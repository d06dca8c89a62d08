"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { errorMessage } from "@/lib/client/api";
import type { FindingDto } from "@/lib/domain/posture";
import type { AssigneeOption } from "../../_components/bulk-bar";
import { useUpdateFinding } from "../../_components/use-finding-mutations";
import { triageChange, triageDraftOf, UNASSIGNED, type TriageDraft } from "../../_lib/triage";

/**
 * Assignee and status in one form; only what changed is sent, and Save waits until something differs from the stored
 * finding. Resolved and risk accepted are Leash's to set.
 */
export function TriageControls({ finding, assignees }: { finding: FindingDto; assignees: AssigneeOption[] }) {
  const update = useUpdateFinding(finding.id);
  const [saved, setSaved] = useState(false);
  // Picks made against other stored values (before a save, or a change by someone else) give way to what is stored now.
  const stored = `${finding.assignee?.id ?? UNASSIGNED}:${finding.status}`;
  const [picked, setPicked] = useState<{ of: string; draft: TriageDraft } | null>(null);
  const draft = picked?.of === stored ? picked.draft : triageDraftOf(finding);
  const change = triageChange(finding, draft);
  const active = finding.status === "open" || finding.status === "in_progress";
  // The current assignee stays selectable even when the viewer could not pick them (an engineer seeing an admin's pick).
  const options =
    finding.assignee && !assignees.some((a) => a.id === finding.assignee!.id)
      ? [...assignees, { id: finding.assignee.id, label: `${finding.assignee.name} (${finding.assignee.email})` }]
      : assignees;

  function pick(field: keyof TriageDraft, value: string) {
    setSaved(false);
    setPicked({ of: stored, draft: { ...draft, [field]: value } });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!change) return;
    update.mutate(change, { onSuccess: () => setSaved(true) });
  }

  return (
    <form
      onSubmit={submit}
      aria-label="Triage"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-zinc-200 bg-white p-4"
    >
      <Field label="Assignee" className="w-72">
        {({ id }) => (
          <Select id={id} name="assignee" value={draft.assignee} onChange={(e) => pick("assignee", e.target.value)}>
            <option value={UNASSIGNED}>Unassigned</option>
            {options.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Status" className="w-48" hint={active ? undefined : "Set by Leash"}>
        {({ id, describedBy }) =>
          active ? (
            <Select id={id} name="status" value={draft.status} onChange={(e) => pick("status", e.target.value)}>
              <option value="open">Open</option>
              <option value="in_progress">In progress</option>
            </Select>
          ) : (
            <Select id={id} name="status" disabled aria-describedby={describedBy} defaultValue={finding.status}>
              <option value={finding.status}>{finding.status === "resolved" ? "Resolved" : "Risk accepted"}</option>
            </Select>
          )
        }
      </Field>
      <Button type="submit" disabled={update.isPending || change === null}>
        {update.isPending ? "Saving…" : "Save changes"}
      </Button>
      <div aria-live="polite" className="basis-full empty:hidden">
        {saved && !update.isPending ? <p className="text-sm text-emerald-800">Saved.</p> : null}
      </div>
      {update.isError ? (
        <Alert tone="danger" className="basis-full">
          {errorMessage(update.error)}
        </Alert>
      ) : null}
    </form>
  );
}
