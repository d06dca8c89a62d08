"use client";

import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { auditKeys, findingKeys, postureKeys } from "@/lib/client/query-keys";
import type { ExceptionDto, FindingDto, FindingUpdate, VerifyFixDto } from "@/lib/domain/posture";

/**
 * A finding change shows in its detail, every queue page, the exception lists, posture and the audit log. Not
 * awaited: a refetch can unmount the control that asked (a decided row leaves the pending list), and TanStack
 * drops the caller's mutate() callbacks once it has unmounted, so they must run before the refetch lands.
 */
function refresh(queryClient: QueryClient): void {
  void Promise.all([findingKeys.all, postureKeys.all, auditKeys.all].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

export function useUpdateFinding(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: FindingUpdate) => api.patch<FindingDto>(`/findings/${encodeURIComponent(id)}`, input),
    onSuccess: (finding) => {
      queryClient.setQueryData(findingKeys.detail(id), finding);
      refresh(queryClient);
    },
  });
}

export type BulkUpdate = { ids: string[]; status?: "open" | "in_progress"; assigneeId?: string | null };

export function useBulkUpdateFindings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BulkUpdate) => api.post<{ updated: number }>("/findings/bulk", input),
    onSuccess: () => refresh(queryClient),
  });
}

/** "Mark fixed": Leash re-evaluates the subject now; the finding resolves only if the rule passes. */
export function useVerifyFix(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<VerifyFixDto>(`/findings/${encodeURIComponent(id)}/verify`, {}),
    onSuccess: (result) => {
      queryClient.setQueryData(findingKeys.detail(id), result.finding);
      refresh(queryClient);
    },
  });
}

export function useRequestException(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { justification: string; expiresAt: string }) => api.post<ExceptionDto>(`/findings/${encodeURIComponent(id)}/exceptions`, input),
    onSuccess: () => refresh(queryClient),
  });
}

export function useDecideException() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: { id: string; decision: "approve" | "reject"; note?: string }) =>
      api.post<ExceptionDto>(`/exceptions/${encodeURIComponent(id)}/decision`, input),
    onSuccess: () => refresh(queryClient),
  });
}
