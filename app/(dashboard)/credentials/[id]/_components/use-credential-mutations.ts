"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CredentialDto, CredentialEdit } from "@/lib/domain/credential-query";
import { api } from "@/lib/client/api";
import { auditKeys, credentialKeys, findingKeys } from "@/lib/client/query-keys";

/** An edit changes the detail, its history, any list page showing it, its findings (re-evaluated before the reply), and the audit log. */
export function useUpdateCredential(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CredentialEdit) => api.patch<CredentialDto>(`/credentials/${encodeURIComponent(id)}`, input),
    onSuccess: (credential) => {
      queryClient.setQueryData(credentialKeys.detail(id), credential);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: credentialKeys.all }),
        queryClient.invalidateQueries({ queryKey: findingKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditKeys.all }),
      ]);
    },
  });
}
