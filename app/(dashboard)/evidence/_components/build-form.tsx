"use client";

import { useMutation, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Code } from "@/components/ui/code";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { api, errorMessage } from "@/lib/client/api";
import { serverFieldErrors, type FieldErrors } from "@/lib/client/form";
import { auditKeys, evidenceKeys, jobKeys } from "@/lib/client/query-keys";
import type { EvidencePackageDto, EvidencePage, EvidenceRequest } from "@/lib/domain/evidence";
import { FINISHED_JOB_STATUSES } from "@/lib/domain/jobs";
import { buildRequest, type BuildFormValues } from "../_lib/build-request";
import { formatScope } from "../_lib/format";
import { buildJobQuery } from "../_lib/queries";
import { BuildProgress } from "./build-progress";

type BuildFormProps = {
  frameworks: { id: string; label: string }[];
  /** The last 30 UTC days (a scoped auditor's window), computed on the server so both renders agree. */
  defaultPeriod: { from: string; to: string };
  /** What an empty "as of" builds: now, or the end of a scoped auditor's window once it is over. */
  emptyAsOf?: string;
  /** Hears the framework and scope as they are edited, so the contents panel beside the form follows them. */
  onValuesChange?: (values: BuildFormValues) => void;
};

/** The form's current values, read the way the submit reads them. */
function readValues(form: HTMLFormElement, scope: BuildFormValues["scope"]): BuildFormValues {
  const data = new FormData(form);
  const read = (name: string) => String(data.get(name) ?? "");
  return { framework: read("framework"), scope, asOf: read("asOf"), from: read("from"), to: read("to") };
}

/**
 * Builds one signed package as a job: the request answers at once with the job, which is then read every second for
 * its step until it finishes. The new package goes to the top of the list with its SHA-256 named here; a failure
 * shows the job's message, and its field errors next to the inputs.
 */
export function BuildForm({ frameworks, defaultPeriod, emptyAsOf = "now", onValuesChange }: BuildFormProps) {
  const queryClient = useQueryClient();
  const [scope, setScopeState] = useState<BuildFormValues["scope"]>("as_of");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [jobId, setJobId] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // A scope switch swaps the inputs (each with its default), so the values are read after the new ones render.
  useEffect(() => {
    if (formRef.current) onValuesChange?.(readValues(formRef.current, scope));
  }, [scope, onValuesChange]);
  const build = useMutation({
    mutationFn: (request: EvidenceRequest) => api.postJob("/evidence", request),
    onSuccess: (job) => {
      queryClient.setQueryData(jobKeys.detail(job.id), job);
      setJobId(job.id);
    },
  });
  const job = useQuery({ ...buildJobQuery(jobId ?? ""), enabled: jobId !== null }).data;
  const finished = job ? FINISHED_JOB_STATUSES.includes(job.status) : false;
  const busy = build.isPending || (job !== undefined && !finished);
  const pkg = job?.status === "succeeded" ? (job.result as EvidencePackageDto) : null;

  // Once the package is stored, the list and the audit log (the build is audited) are read again.
  useEffect(() => {
    if (!pkg) return;
    // On top of the first page at once; the refetch below then brings every loaded page up to date.
    queryClient.setQueryData<InfiniteData<EvidencePage>>(evidenceKeys.list(), (old) =>
      old ? { ...old, pages: old.pages.map((page, i) => (i === 0 ? { ...page, packages: [pkg, ...page.packages.filter((p) => p.id !== pkg.id)] } : page)) } : old,
    );
    void Promise.all([evidenceKeys.all, auditKeys.all].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  }, [pkg, queryClient]);

  // A job refused when it ran (an instant in the future, a framework out of scope) names its field like the request would.
  const jobErrors: FieldErrors = job?.status === "failed" ? (job.error?.fields ?? {}) : {};
  const errors = { ...jobErrors, ...serverFieldErrors(build.error), ...clientErrors };

  // Errors belong to the inputs of one scope; switching to the other starts clean.
  function setScope(next: BuildFormValues["scope"]) {
    setScopeState(next);
    setClientErrors({});
    setJobId(null);
    if (build.isError) build.reset();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const result = buildRequest(readValues(event.currentTarget, scope));
    if (!result.ok) return setClientErrors(result.errors);
    setClientErrors({});
    setJobId(null);
    build.reset();
    build.mutate(result.request);
  }

  const field = (name: string) => ({ error: errors[name] });
  const aria = (describedBy: string | undefined, invalid: boolean) => ({ "aria-describedby": describedBy, "aria-invalid": invalid || undefined });

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      onChange={(event) => onValuesChange?.(readValues(event.currentTarget, scope))}
      aria-label="Build an evidence package"
      aria-busy={busy}
      noValidate
      className="space-y-4"
    >
      <Field label="Framework" {...field("framework")} className="max-w-xs">
        {({ id, describedBy, invalid }) => (
          <Select id={id} name="framework" defaultValue={frameworks[0]?.id} disabled={busy} {...aria(describedBy, invalid)}>
            {frameworks.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </Select>
        )}
      </Field>

      <fieldset className="space-y-3" disabled={busy}>
        <legend className="text-sm font-medium text-zinc-800">Scope</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          <ScopeRadio value="as_of" checked={scope === "as_of"} onSelect={setScope} label="As of an instant" hint="The posture at one moment, e.g. a SOC 2 Type I date." />
          <ScopeRadio value="period" checked={scope === "period"} onSelect={setScope} label="Audit period" hint="Every day of a period, e.g. a SOC 2 Type II window." />
        </div>
        {scope === "as_of" ? (
          <Field label="As of (UTC)" hint={`Empty = ${emptyAsOf}.`} {...field("asOf")} className="w-64">
            {({ id, describedBy, invalid }) => <Input id={id} name="asOf" type="datetime-local" step={1} {...aria(describedBy, invalid)} />}
          </Field>
        ) : (
          <div className="flex flex-wrap gap-3">
            <Field label="First day (UTC)" {...field("from")} className="w-44">
              {({ id, describedBy, invalid }) => <Input id={id} name="from" type="date" required defaultValue={defaultPeriod.from} {...aria(describedBy, invalid)} />}
            </Field>
            <Field label="Last day (UTC)" {...field("to")} className="w-44">
              {({ id, describedBy, invalid }) => <Input id={id} name="to" type="date" required defaultValue={defaultPeriod.to} {...aria(describedBy, invalid)} />}
            </Field>
          </div>
        )}
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={busy}>
          {busy ? "Building and signing…" : "Build package"}
        </Button>
        <p role="status" className="text-sm text-zinc-600">
          {busy ? "Gathering the records, rendering the report and signing the manifest; a large workspace takes minutes, and you can leave this page meanwhile (Settings → Jobs follows it)." : ""}
        </p>
      </div>
      {job ? <BuildProgress job={job} /> : null}

      {build.isError ? (
        <Alert tone="danger" title="The package was not built">
          {errorMessage(build.error)}
        </Alert>
      ) : null}
      {job?.status === "failed" ? (
        <Alert tone="danger" title="The package was not built">
          {job.error?.message ?? "The build job failed."}
        </Alert>
      ) : null}
      {pkg ? <BuiltNotice pkg={pkg} frameworkLabel={frameworks.find((f) => f.id === pkg.framework)?.label ?? pkg.framework} /> : null}
    </form>
  );
}

type ScopeRadioProps = { value: BuildFormValues["scope"]; checked: boolean; onSelect: (value: BuildFormValues["scope"]) => void; label: string; hint: string };

function ScopeRadio({ value, checked, onSelect, label, hint }: ScopeRadioProps) {
  return (
    <label className="flex cursor-pointer items-start gap-2 text-sm text-zinc-800">
      <input type="radio" name="scope" value={value} checked={checked} onChange={() => onSelect(value)} className="mt-0.5 size-4 accent-accent-600" />
      <span>
        <span className="font-medium">{label}</span>
        <span className="block text-xs text-zinc-500">{hint}</span>
      </span>
    </label>
  );
}

function BuiltNotice({ pkg, frameworkLabel }: { pkg: EvidencePackageDto; frameworkLabel: string }) {
  return (
    <Alert tone="success" title={`${frameworkLabel} package built and signed`}>
      <p data-testid="build-result">
        {formatScope(pkg.scope)}, {pkg.files} files, signed with key <Code>{pkg.keyId}</Code>. SHA-256{" "}
        <span className="font-mono text-xs break-all" data-testid="build-result-sha256">
          {pkg.sha256}
        </span>
      </p>
    </Alert>
  );
}
