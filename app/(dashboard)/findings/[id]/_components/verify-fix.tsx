"use client";

import { ReasonText } from "@/components/reason-text";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/lib/client/api";
import type { NamedCredential } from "@/lib/domain/credential-mentions";
import type { useVerifyFix } from "../../_components/use-finding-mutations";

type Verify = ReturnType<typeof useVerifyFix>;

/** "Mark fixed" does not close the finding by fiat: Leash re-evaluates the subject now and the verdict decides. */
export function MarkFixedButton({ verify }: { verify: Verify }) {
  return (
    <Button onClick={() => verify.mutate()} disabled={verify.isPending}>
      {verify.isPending ? "Checking…" : "Mark fixed"}
    </Button>
  );
}

export function VerifyResult({ verify }: { verify: Verify }) {
  return (
    <div aria-live="polite" data-testid="verify-result">
      {verify.isError ? (
        <Alert tone="danger" className="mb-6" title="Could not re-check the subject">
          {errorMessage(verify.error)}
        </Alert>
      ) : null}
      {verify.data ? <Verdict verdict={verify.data.verdict} credentials={verify.data.finding.reasonCredentials} /> : null}
    </div>
  );
}

type VerdictProps = { verdict: NonNullable<Verify["data"]>["verdict"]; credentials: readonly NamedCredential[] };

/** The verdict's reason judges the finding's subject again, so it names the credentials the finding's reason names. */
function Verdict({ verdict, credentials }: VerdictProps) {
  const reason = <ReasonText text={verdict.reason} credentials={credentials} />;
  if (verdict.result === "fail") {
    return (
      <Alert tone="danger" className="mb-6" title="Still failing">
        Still failing: {reason}
      </Alert>
    );
  }
  if (verdict.result === "pass") {
    return (
      <Alert tone="success" className="mb-6" title="Fixed">
        Passes now: {reason}, finding resolved.
      </Alert>
    );
  }
  return (
    <Alert tone="info" className="mb-6" title="No longer applies">
      The rule no longer applies to this subject: {reason}
    </Alert>
  );
}
