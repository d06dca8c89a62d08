"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { api } from "@/lib/client/api";
import { auditKeys, corpusKeys } from "@/lib/client/query-keys";
import type { CorpusCreateInput, CorpusDto } from "@/lib/domain/scan";
import { CorpusForm } from "./corpus-form";

/** Admins register a corpus, then land on its page to upload the first export. */
export function NewCorpusButton({ teams }: { teams: { id: string; name: string }[] }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (input: CorpusCreateInput) => api.post<CorpusDto>("/corpora", input),
    onSuccess: async (corpus) => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: corpusKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]);
      setOpen(false);
      router.push(`/scans/corpora/${corpus.id}`);
    },
  });
  const close = () => {
    setOpen(false);
    create.reset();
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>New corpus</Button>
      <Dialog open={open} onClose={close} title="New corpus" description="A place secrets can leak into. Say whether agents read it.">
        <CorpusForm teams={teams} submitLabel="Create corpus" pending={create.isPending} error={create.error} onSubmit={(input) => create.mutate(input)} onCancel={close} />
      </Dialog>
    </>
  );
}
