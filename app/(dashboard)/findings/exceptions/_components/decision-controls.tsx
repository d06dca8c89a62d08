"use client";

import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { errorMessage } from "@/lib/client/api";
import { useDecideException } from "../../_components/use-finding-mutations";

type DecisionControlsProps = { exceptionId: string; subject: string; onDecided: (decision: "approve" | "reject") => void };

/** Approve or reject one request with an optional note; the server refuses an admin deciding their own request. */
export function DecisionControls({ exceptionId, subject, onDecided }: DecisionControlsProps) {
  const decide = useDecideException();
  const [note, setNote] = useState("");
  const noteId = useId();

  function send(decision: "approve" | "reject") {
    const trimmed = note.trim();
    decide.mutate({ id: exceptionId, decision, ...(trimmed ? { note: trimmed } : {}) }, { onSuccess: () => onDecided(decision) });
  }

  return (
    <div className="space-y-2">
      <label htmlFor={noteId} className="sr-only">
        Decision note for {subject}
      </label>
      <Input id={noteId} value={note} maxLength={2000} placeholder="Note (optional)" onChange={(e) => setNote(e.target.value)} />
      <div className="flex gap-2">
        <Button size="sm" disabled={decide.isPending} onClick={() => send("approve")}>
          Approve
        </Button>
        <Button size="sm" variant="danger-ghost" disabled={decide.isPending} onClick={() => send("reject")}>
          Reject
        </Button>
      </div>
      {decide.isError ? <Alert tone="danger">{errorMessage(decide.error)}</Alert> : null}
    </div>
  );
}
