"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { errorMessage } from "@/lib/client/api";
import { useBulkUpdateFindings, type BulkUpdate } from "./use-finding-mutations";

export type AssigneeOption = { id: string; label: string };

const UNASSIGN = "__none__";

type BulkBarProps = { ids: string[]; assignees: AssigneeOption[]; onDone: (message: string) => void; onClear: () => void };

/** Acts on the selected rows of this page: assign them, or move them between open and in progress. */
export function BulkBar({ ids, assignees, onDone, onClear }: BulkBarProps) {
  const bulk = useBulkUpdateFindings();
  const [assignee, setAssignee] = useState(assignees[0]?.id ?? UNASSIGN);
  const [status, setStatus] = useState<"open" | "in_progress">("in_progress");
  const count = `${ids.length} finding${ids.length === 1 ? "" : "s"}`;

  function run(change: Omit<BulkUpdate, "ids">, what: string) {
    bulk.mutate({ ids, ...change }, { onSuccess: ({ updated }) => onDone(`${updated} finding${updated === 1 ? "" : "s"} ${what}.`) });
  }

  return (
    <div role="region" aria-label="Bulk actions" className="mb-3 space-y-2 rounded-lg border border-accent-100 bg-accent-50 p-3">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span className="font-medium text-zinc-900" data-testid="selected-count">
          {count} selected
        </span>
        <span className="flex items-center gap-1.5">
          <label htmlFor="bulk-assignee" className="text-zinc-700">
            Assign to
          </label>
          <Select id="bulk-assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)} className="w-56">
            {assignees.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
            <option value={UNASSIGN}>Nobody (unassign)</option>
          </Select>
          <Button
            size="sm"
            variant="secondary"
            disabled={bulk.isPending}
            onClick={() => run({ assigneeId: assignee === UNASSIGN ? null : assignee }, assignee === UNASSIGN ? "unassigned" : "assigned")}
          >
            Assign
          </Button>
        </span>
        <span className="flex items-center gap-1.5">
          <label htmlFor="bulk-status" className="text-zinc-700">
            Set status
          </label>
          <Select id="bulk-status" value={status} onChange={(e) => setStatus(e.target.value as "open" | "in_progress")} className="w-36">
            <option value="open">Open</option>
            <option value="in_progress">In progress</option>
          </Select>
          <Button size="sm" variant="secondary" disabled={bulk.isPending} onClick={() => run({ status }, `set to ${status === "open" ? "open" : "in progress"}`)}>
            Apply status
          </Button>
        </span>
        <Button size="sm" variant="ghost" onClick={onClear}>
          Clear selection
        </Button>
      </div>
      {bulk.isError ? <Alert tone="danger">{errorMessage(bulk.error)}</Alert> : null}
    </div>
  );
}
