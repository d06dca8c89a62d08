"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/lib/client/api";
import type { CredentialDto } from "@/lib/domain/credential-query";
import { useUpdateCredential } from "./use-credential-mutations";

type ReviewSignOffProps = { credentialId: string; signOff: CredentialDto["reviewSignOff"] };

/** The server says in the credential whether this viewer may sign off (R19: not its owner), so the button never promises a refusal. */
export function ReviewSignOff({ credentialId, signOff }: ReviewSignOffProps) {
  const review = useUpdateCredential(credentialId);
  if (!signOff.allowed) {
    return (
      <p className="max-w-sm text-sm text-zinc-600" data-testid="review-sign-off-refused">
        {signOff.reason}
      </p>
    );
  }
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
