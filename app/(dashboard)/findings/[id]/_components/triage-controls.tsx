"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { errorMessage } from "@/lib/client/api";
import type { FindingDto, FindingUpdate } from "@/lib/domain/posture";
import type { AssigneeOption } from "../../_components/bulk-bar";
import { useUpdateFinding } from "../../_components/use-finding-mutations";

const UNASSIGNED = "";

/** Assignee and status in one form; only what changed is sent. Resolved and risk accepted are Leash's to set. */
export function TriageControls({ finding, assignees }: { finding: FindingDto; assignees: AssigneeOption[] }) {
  const update = useUpdateFinding(finding.id);
  const [saved, setSaved] = useState(false);
  const active = finding.status === "open" || finding.status === "in_progress";
  // The current assignee stays selectable even when the viewer could not pick them (an engineer seeing an admin's pick).
  const options =
    finding.assignee && !assignees.some((a) => a.id === finding.assignee!.id)
      ? [...assignees, { id: finding.assignee.id, label: `${finding.assignee.name} (${finding.assignee.email})` }]
      : assignees;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const assignee = String(form.get("assignee") ?? UNASSIGNED);
    const status = String(form.get("status") ?? finding.status);
    const change: FindingUpdate = {};
    if (assignee !== (finding.assignee?.id ?? UNASSIGNED)) change.assigneeId = assignee === UNASSIGNED ? null : assignee;
    if (active && status !== finding.status && (status === "open" || status === "in_progress")) change.status = status;
    if (change.assigneeId === undefined && change.status === undefined) return setSaved(true);
    update.mutate(change, { onSuccess: () => setSaved(true) });
  }

  return (
    <form
      key={`${finding.assignee?.id ?? ""}:${finding.status}`}
      onSubmit={submit}
      aria-label="Triage"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-zinc-200 bg-white p-4"
    >
      <Field label="Assignee" className="w-72">
        {({ id }) => (
          <Select id={id} name="assignee" defaultValue={finding.assignee?.id ?? UNASSIGNED}>
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
            <Select id={id} name="status" defaultValue={finding.status}>
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
      <Button type="submit" disabled={update.isPending}>
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
