"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/lib/client/api";
import { useUpdateCredential } from "./use-credential-mutations";

/** The server refuses a sign-off by the credential's owner (R19); its message is shown as is. */
export function ReviewSignOff({ credentialId }: { credentialId: string }) {
  const review = useUpdateCredential(credentialId);
  return (
    <div className="max-w-sm space-y-2">
      <Button variant="secondary" disabled={review.isPending} onClick={() => review.mutate({ review: true })}>
        {review.isPending ? "Signing off…" : "Sign off review"}
      </Button>
      {review.isError ? <Alert tone="danger">{errorMessage(review.error)}</Alert> : null}
      {review.isSuccess ? <Alert tone="success">Review signed off.</Alert> : null}
    </div>
  );
}
