"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { api } from "@/lib/client/api";
import { auditKeys, corpusKeys, secretFindingKeys } from "@/lib/client/query-keys";
import type { CorpusCreateInput, CorpusDto } from "@/lib/domain/scan";
import { CorpusForm } from "../../../_components/corpus-form";

/** Renaming or changing agent access shows on every exposure of the corpus, so those caches go stale too. */
export function EditCorpusButton({ corpus, teams }: { corpus: CorpusDto; teams: { id: string; name: string }[] }) {
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: (input: CorpusCreateInput) => api.patch<CorpusDto>(`/corpora/${encodeURIComponent(corpus.id)}`, input),
    onSuccess: async () => {
      await Promise.all([corpusKeys.all, secretFindingKeys.all, auditKeys.all].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      setOpen(false);
    },
  });
  const close = () => {
    setOpen(false);
    update.reset();
  };
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Edit corpus
      </Button>
      <Dialog open={open} onClose={close} title={`Edit ${corpus.name}`}>
        <CorpusForm initial={corpus} teams={teams} submitLabel="Save changes" pending={update.isPending} error={update.error} onSubmit={(input) => update.mutate(input)} onCancel={close} />
      </Dialog>
    </>
  );
}
