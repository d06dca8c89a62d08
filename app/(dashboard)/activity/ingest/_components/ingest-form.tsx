"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Code } from "@/components/ui/code";
import { Field, Input } from "@/components/ui/input";
import { SectionHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { api, errorMessage, toSearch } from "@/lib/client/api";
import { auditKeys, eventKeys } from "@/lib/client/query-keys";
import { IngestReport, type IngestReportView } from "./ingest-report";

const FORMATS = {
  "leash-ndjson": { label: "Leash NDJSON (one JSON event per line)", path: "/events", query: {} },
  csv: { label: "CSV (the NDJSON fields as columns)", path: "/events", query: { format: "csv" } },
  cloudtrail: { label: "AWS CloudTrail (Records JSON)", path: "/events/cloudtrail", query: {} },
  pgaudit: { label: "PostgreSQL log with pgaudit lines", path: "/events/pgaudit", query: {} },
} as const;
type Format = keyof typeof FORMATS;

type Upload = { file: File; format: Format; pg: { log_line_prefix: string; host: string; database: string } };

/**
 * The file goes as the raw request body (gzip too): the server streams it into the parser line by line, so a
 * large log never sits whole in memory, and idempotency keys make a second upload of the same file a no-op.
 */
export function IngestForm() {
  const queryClient = useQueryClient();
  const [format, setFormat] = useState<Format>("leash-ndjson");
  const [fileError, setFileError] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: ({ file, format, pg }: Upload) => {
      const extra = format === "pgaudit" ? pg : {};
      return api.postRaw<IngestReportView>(`${FORMATS[format].path}${toSearch({ ...FORMATS[format].query, ...extra, file: file.name })}`, file, [422]);
    },
    onSuccess: () => Promise.all([eventKeys.all, auditKeys.all].map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return setFileError("Choose a non-empty log file.");
    setFileError(null);
    const read = (name: string) => String(form.get(name) ?? "");
    upload.mutate({ file, format, pg: { log_line_prefix: read("log_line_prefix"), host: read("host").trim(), database: read("database").trim() } });
  }

  return (
    <section aria-label="Ingest activity logs" className="space-y-6">
      <SectionHeader
        title="Upload a log file"
        description={
          <>
            Events are attributed, classified and checked against approvals as they arrive. The NDJSON line format is described by{" "}
            <a href="/api/v1/schemas/event.json" className="font-medium text-accent-700 underline" target="_blank" rel="noopener">
              the event JSON Schema
            </a>
            ; shippers can send the same bytes to <Code>POST /api/v1/events</Code> with an ingest token.
          </>
        }
      />
      <Card>
        <form onSubmit={submit} className="space-y-4" noValidate aria-busy={upload.isPending}>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Format">
              {({ id }) => (
                <Select id={id} name="format" value={format} onChange={(event) => setFormat(event.target.value as Format)}>
                  {Object.entries(FORMATS).map(([value, { label }]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label="Log file" error={fileError ?? undefined} hint="Plain text or gzip.">
              {({ id, describedBy, invalid }) => (
                <Input id={id} name="file" type="file" className="py-1" aria-describedby={describedBy} aria-invalid={invalid || undefined} />
              )}
            </Field>
          </div>
          {format === "pgaudit" ? (
            <fieldset className="grid gap-4 rounded-md border border-zinc-200 p-3 sm:grid-cols-3">
              <legend className="px-1 text-sm font-medium text-zinc-800">pgaudit options</legend>
              <Field label="log_line_prefix" hint="As configured on the server; PostgreSQL's default is “%m [%p] ”.">
                {({ id, describedBy }) => <Input id={id} name="log_line_prefix" defaultValue="%m [%p] " className="font-mono" aria-describedby={describedBy} />}
              </Field>
              <Field label="Database host" hint="The server the log came from, for environment patterns.">
                {({ id, describedBy }) => <Input id={id} name="host" placeholder="db-prod-1.internal" aria-describedby={describedBy} />}
              </Field>
              <Field label="Database" hint="When the prefix does not log it (%d).">
                {({ id, describedBy }) => <Input id={id} name="database" placeholder="pocket_prod" aria-describedby={describedBy} />}
              </Field>
            </fieldset>
          ) : null}
          <div className="flex justify-end">
            <Button type="submit" disabled={upload.isPending}>
              {upload.isPending ? "Uploading…" : "Upload and ingest"}
            </Button>
          </div>
        </form>
      </Card>
      <div aria-live="polite">
        {upload.isError ? <Alert tone="danger">{errorMessage(upload.error)}</Alert> : null}
        {upload.data && !upload.isPending ? <IngestReport report={upload.data} fileName={upload.variables?.file.name ?? ""} /> : null}
      </div>
    </section>
  );
}
