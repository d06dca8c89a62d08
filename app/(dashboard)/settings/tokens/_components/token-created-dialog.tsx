"use client";

import { CopyButton } from "@/components/copy-button";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import type { CreatedTokenDto } from "@/lib/domain/identity";
import { formatDate } from "@/lib/client/format";
import { ScopeList } from "./token-status";

/**
 * The only time the token value is ever shown: it lives in component state until this dialog closes, and the
 * server keeps only its hash. No backdrop dismissal, so a stray click cannot lose it.
 */
export function TokenCreatedDialog({ token, onClose }: { token: CreatedTokenDto | null; onClose: () => void }) {
  return (
    <Dialog
      open={token !== null}
      onClose={onClose}
      title="Token created"
      description={token ? <>“{token.name}” is ready to use.</> : undefined}
      className="max-w-xl"
    >
      {token ? (
        <div className="space-y-4">
          <Alert tone="warning" title="Copy this token now — it will not be shown again.">
            Leash stores only a hash of it. Keep it in a secret store, never in a wiki, chat or repository an agent can read.
          </Alert>
          <div>
            <label htmlFor="new-token-value" className="block text-sm font-medium text-zinc-800">
              Token
            </label>
            <div className="mt-1 flex gap-2">
              <input
                id="new-token-value"
                data-testid="new-token-value"
                readOnly
                value={token.token}
                onFocus={(event) => event.currentTarget.select()}
                className="block w-full rounded-md border border-zinc-300 bg-zinc-50 px-2.5 py-1.5 font-mono text-xs text-zinc-900"
              />
              <CopyButton text={token.token} />
            </div>
          </div>
          <dl className="grid grid-cols-[7rem_1fr] gap-y-1.5 text-sm">
            <dt className="text-zinc-500">Scopes</dt>
            <dd>
              <ScopeList scopes={token.scopes} />
            </dd>
            <dt className="text-zinc-500">Acts for</dt>
            <dd className="text-zinc-800">{token.user.email}</dd>
            <dt className="text-zinc-500">Expires</dt>
            <dd className="text-zinc-800">{formatDate(token.expiresAt)}</dd>
          </dl>
          <DialogActions>
            <Button onClick={onClose}>I have copied it</Button>
          </DialogActions>
        </div>
      ) : null}
    </Dialog>
  );
}
