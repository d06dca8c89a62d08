"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { api, errorMessage } from "@/lib/client/api";
import { auditKeys, corpusKeys, scanRunKeys, secretFindingKeys } from "@/lib/client/query-keys";
import type { ScanRunDto } from "@/lib/domain/scan";
import { ScanRunReport } from "../../../_components/scan-run-report";

/**
 * Sends the export's raw bytes (not multipart) so the server streams it to disk, scans it and deletes it. A new scan
 * moves corpus counts, runs and exposures everywhere, so all of those caches go stale.
 */
export function UploadScanForm({ corpusId }: { corpusId: string }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const titleId = useId();
  const upload = useMutation({
    mutationFn: (chosen: File) => api.postRaw<ScanRunDto>(`/corpora/${encodeURIComponent(corpusId)}/scans?file=${encodeURIComponent(chosen.name)}`, chosen),
    onSuccess: () =>
      Promise.all([corpusKeys.all, scanRunKeys.all, secretFindingKeys.all, auditKeys.all].map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return setMissing(true);
    setMissing(false);
    upload.mutate(file);
  }

  return (
    <section aria-labelledby={titleId} className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5">
      <div>
        <h2 id={titleId} className="text-base font-semibold text-zinc-900">
          Upload an export to scan
        </h2>
        <p className="mt-1 text-sm text-zinc-600">
          A zip of a Slack, Confluence or Notion export, or a single file. The server scans it, keeps only fingerprints and redacted previews, and deletes the
          file. Exposures this corpus no longer contains are marked resolved.
        </p>
      </div>
      <form onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
        <Field label="Export file" error={missing ? "Choose a file to scan" : undefined} className="flex-1">
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              type="file"
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                upload.reset();
              }}
            />
          )}
        </Field>
        <Button type="submit" disabled={upload.isPending}>
          {upload.isPending ? "Scanning…" : "Upload and scan"}
        </Button>
      </form>
      {upload.isPending ? (
        <p role="status" className="text-sm text-zinc-600">
          Uploading and scanning {file?.name}…
        </p>
      ) : null}
      {upload.isError ? <Alert tone="danger" title="The scan failed.">{errorMessage(upload.error)}</Alert> : null}
      {upload.data ? <ScanRunReport run={upload.data} /> : null}
    </section>
  );
}
