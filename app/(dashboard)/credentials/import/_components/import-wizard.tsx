"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ImportRunDto } from "@/lib/domain/credential-query";
import { api, errorMessage } from "@/lib/client/api";
import { auditKeys, credentialKeys, importRunKeys } from "@/lib/client/query-keys";
import { serverFieldErrors } from "@/lib/client/form";
import { RunReport } from "../../_components/run-report";
import { ImportOptions, type FormatOption, type ImportChoice } from "./import-options";
import { PreviewTable, type ImportPreview } from "./preview-table";

// The server streams the file part and reads only the fields sent before it, so the file goes last.
function uploadBody(choice: ImportChoice, file: File, withOptions: boolean): FormData {
  const body = new FormData();
  body.append("format", choice.format);
  if (withOptions) {
    body.append("source", choice.source.trim());
    body.append("apply_valid", String(choice.applyValid));
    body.append("full_sync", String(choice.fullSync));
  }
  body.append("file", file, file.name);
  return body;
}

/** Choose → preview (writes nothing) → import (one transaction) → report. */
export function ImportWizard({ formats }: { formats: FormatOption[] }) {
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState<ImportChoice>({ format: formats[0]?.name ?? "", source: "", applyValid: false, fullSync: false });
  const [file, setFile] = useState<File | null>(null);
  const preview = useMutation({ mutationFn: (body: FormData) => api.upload<ImportPreview>("/imports/preview", body) });
  const run = useMutation({
    mutationFn: (body: FormData) => api.upload<ImportRunDto>("/imports", body, [422]),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: importRunKeys.all }),
        queryClient.invalidateQueries({ queryKey: credentialKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditKeys.all }),
      ]),
  });

  // A new file or format makes the old preview and report describe something else.
  const change = (next: Partial<ImportChoice>, nextFile?: File | null) => {
    setChoice((current) => ({ ...current, ...next }));
    if (nextFile !== undefined) setFile(nextFile);
    if (next.format !== undefined || nextFile !== undefined) {
      preview.reset();
      run.reset();
    }
  };

  function showPreview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return;
    run.reset();
    preview.mutate(uploadBody(choice, file, false));
  }

  const fieldErrors = { ...serverFieldErrors(preview.error), ...serverFieldErrors(run.error) };

  return (
    <div className="space-y-6">
      <form onSubmit={showPreview} className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5" aria-label="Import file">
        <ImportOptions formats={formats} choice={choice} file={file} errors={fieldErrors} onChange={change} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" variant="secondary" disabled={!file || preview.isPending}>
            {preview.isPending ? "Reading…" : "Preview"}
          </Button>
          <Button disabled={!file || !preview.isSuccess || run.isPending} onClick={() => file && run.mutate(uploadBody(choice, file, true))}>
            {run.isPending ? "Importing…" : "Import"}
          </Button>
        </div>
        {!preview.isSuccess && file ? <p className="text-xs text-zinc-500">Preview the file first: it shows how rows will be stored, and writes nothing.</p> : null}
        {preview.isError ? <Alert tone="danger">{errorMessage(preview.error)}</Alert> : null}
        {run.isError ? <Alert tone="danger">{errorMessage(run.error)}</Alert> : null}
      </form>
      {run.data ? (
        <div className="space-y-2">
          <RunReport run={run.data} />
          <p className="text-sm">
            <Link href={`/credentials/imports/${run.data.id}`} className="text-accent-700 underline">
              Permanent link to this report
            </Link>
            {" · "}
            <Link href="/credentials" className="text-accent-700 underline">
              Back to the inventory
            </Link>
          </p>
        </div>
      ) : null}
      {preview.data && !run.data ? <PreviewTable preview={preview.data} /> : null}
    </div>
  );
}
