"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SectionHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { CreatedTokenDto, TokenDto } from "@/lib/domain/identity";
import { api, errorMessage } from "@/lib/client/api";
import { formatDate, formatDateTime } from "@/lib/client/format";
import { tokensQuery } from "@/lib/client/queries";
import { auditKeys, tokenKeys } from "@/lib/client/query-keys";
import { CreateTokenDialog } from "./create-token-dialog";
import { TokenCreatedDialog } from "./token-created-dialog";
import { ScopeList, TokenStatusBadge } from "./token-status";

type TokensSectionProps = { canManage: boolean; viewerId: string };

export function TokensSection({ canManage, viewerId }: TokensSectionProps) {
  const { data: tokens } = useSuspenseQuery(tokensQuery());
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedTokenDto | null>(null);
  const [revoking, setRevoking] = useState<TokenDto | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete<TokenDto>(`/tokens/${encodeURIComponent(id)}`),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditKeys.all }),
      ]);
      setRevoking(null);
    },
  });
  const createButton = canManage ? <Button onClick={() => setCreating(true)}>Create token</Button> : null;

  return (
    <section aria-label="API tokens">
      <SectionHeader
        title="API tokens"
        description="For the CLI, CI scanners and log shippers. Every token expires within 90 days, is stored only as a hash and can do no more than the user it acts for. Leash scores each token as a credential: on its credential page, state the environments it is used in and whether an agent holds it."
        actions={tokens.length > 0 ? createButton : null}
      />
      {tokens.length === 0 ? (
        <EmptyState
          title="No API tokens yet"
          description="Create a token with only the scopes an integration needs — for example ingest for a log shipper."
          action={createButton}
        />
      ) : (
        <Table label="API tokens">
          <THead>
            <Tr>
              <Th>Name</Th>
              <Th>Prefix</Th>
              <Th>Scopes</Th>
              <Th>Acts for</Th>
              <Th>Created</Th>
              <Th>Expires</Th>
              <Th>Last used</Th>
              <Th>Status</Th>
              <Th>Credential</Th>
              {canManage ? <Th className="text-right">Actions</Th> : null}
            </Tr>
          </THead>
          <TBody>
            {tokens.map((token) => (
              <Tr key={token.id} data-testid={`token-row-${token.name}`}>
                <Td className="font-medium text-zinc-900">{token.name}</Td>
                <Td className="font-mono text-xs text-zinc-600">{token.prefix}…</Td>
                <Td>
                  <ScopeList scopes={token.scopes} />
                </Td>
                <Td className="text-zinc-700">{token.user.id === viewerId ? `${token.user.email} (you)` : token.user.email}</Td>
                <Td className="whitespace-nowrap text-zinc-600">{formatDate(token.createdAt)}</Td>
                <Td className="whitespace-nowrap text-zinc-600">{formatDate(token.expiresAt)}</Td>
                <Td className="whitespace-nowrap text-zinc-600">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Never"}</Td>
                <Td>
                  <TokenStatusBadge status={token.status} />
                </Td>
                <Td>
                  {token.credentialId ? (
                    <Link href={`/credentials/${token.credentialId}`} className="text-accent-700 hover:underline" aria-label={`Credential of ${token.name}`}>
                      Findings and history
                    </Link>
                  ) : (
                    <span className="text-zinc-500">Scored at the next evaluation</span>
                  )}
                </Td>
                {canManage ? (
                  <Td className="text-right">
                    {token.status === "active" ? (
                      <Button variant="danger-ghost" size="sm" onClick={() => setRevoking(token)} aria-label={`Revoke ${token.name}`}>
                        Revoke
                      </Button>
                    ) : null}
                  </Td>
                ) : null}
              </Tr>
            ))}
          </TBody>
        </Table>
      )}

      {canManage ? (
        <>
          <CreateTokenDialog
            open={creating}
            onClose={() => setCreating(false)}
            onCreated={(token) => {
              setCreating(false);
              setCreated(token);
            }}
          />
          <TokenCreatedDialog token={created} onClose={() => setCreated(null)} />
          <ConfirmDialog
            open={revoking !== null}
            title="Revoke token?"
            confirmLabel="Revoke token"
            pending={revoke.isPending}
            error={revoke.isError ? errorMessage(revoke.error) : null}
            onConfirm={() => revoking && revoke.mutate(revoking.id)}
            onClose={() => {
              revoke.reset();
              setRevoking(null);
            }}
          >
            <p>
              <strong>{revoking?.name}</strong> ({revoking?.prefix}…) stops working immediately. Anything still using it
              will get 401 responses. This cannot be undone.
            </p>
          </ConfirmDialog>
        </>
      ) : null}
    </section>
  );
}
