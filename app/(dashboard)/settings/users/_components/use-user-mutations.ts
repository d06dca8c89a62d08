"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { UserCreateInput, UserDto, UserUpdateInput } from "@/lib/domain/identity";
import { api } from "@/lib/client/api";
import { auditKeys, teamKeys, userKeys } from "@/lib/client/query-keys";

/** A user change also moves team member counts and adds an audit entry, so all three caches go stale. */
function useInvalidateAfterUserChange() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: userKeys.all }),
      queryClient.invalidateQueries({ queryKey: teamKeys.all }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

export function useCreateUser() {
  const invalidate = useInvalidateAfterUserChange();
  return useMutation({
    mutationFn: (input: UserCreateInput) => api.post<UserDto>("/users", input),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateAfterUserChange();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UserUpdateInput }) =>
      api.patch<UserDto>(`/users/${encodeURIComponent(id)}`, input),
    onSuccess: invalidate,
  });
}
