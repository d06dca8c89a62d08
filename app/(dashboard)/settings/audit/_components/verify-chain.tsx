"use client";

import { useMutation } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { AuditVerifyDto } from "@/lib/domain/identity";
import { api, errorMessage } from "@/lib/client/api";

/** A button, not a query: walking the whole chain is work the viewer asks for, not something to run on every visit. */
export function VerifyChain() {
  const verify = useMutation({ mutationFn: () => api.get<AuditVerifyDto>("/audit/verify") });
  const result = verify.data;

  return (
    <div className="flex flex-col items-end gap-2">
      <Button variant="secondary" onClick={() => verify.mutate()} disabled={verify.isPending}>
        {verify.isPending ? "Verifying…" : "Verify chain"}
      </Button>
      <div aria-live="polite" className="max-w-md text-right" data-testid="verify-result">
        {verify.isError ? <Alert tone="danger">{errorMessage(verify.error)}</Alert> : null}
        {result?.ok === true ? (
          <Alert tone="success">
            Chain OK — {result.entries} {result.entries === 1 ? "entry" : "entries"} verified.
          </Alert>
        ) : null}
        {result?.ok === false ? (
          <Alert tone="danger" title={`Chain broken at entry #${result.brokenAt}`}>
            {result.reason} ({result.entries} entries checked)
          </Alert>
        ) : null}
      </div>
    </div>
  );
}
