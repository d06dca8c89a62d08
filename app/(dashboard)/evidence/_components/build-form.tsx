"use client";

import { useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Code } from "@/components/ui/code";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { api, errorMessage } from "@/lib/client/api";
import { serverFieldErrors, type FieldErrors } from "@/lib/client/form";
import { auditKeys, evidenceKeys } from "@/lib/client/query-keys";
import type { EvidencePackageDto, EvidencePage, EvidenceRequest } from "@/lib/domain/evidence";
import { buildRequest, type BuildFormValues } from "../_lib/build-request";
import { formatScope } from "../_lib/format";

type BuildFormProps = {
  frameworks: { id: string; label: string }[];
  /** The last 30 UTC days (a scoped auditor's window), computed on the server so both renders agree. */
  defaultPeriod: { from: string; to: string };
  /** What an empty "as of" builds: now, or the end of a scoped auditor's window once it is over. */
  emptyAsOf?: string;
};

/**
 * Builds one signed package. The request answers when the package is stored (a few seconds), so the button is
 * disabled and says so meanwhile; the new package goes to the top of the list with its SHA-256 named here.
 */
export function BuildForm({ frameworks, defaultPeriod, emptyAsOf = "now" }: BuildFormProps) {
  const queryClient = useQueryClient();
  const [scope, setScopeState] = useState<BuildFormValues["scope"]>("as_of");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const build = useMutation({
    mutationFn: (request: EvidenceRequest) => api.post<EvidencePackageDto>("/evidence", request),
    onSuccess: async (pkg) => {
      // On top of the first page at once; the refetch below then brings every loaded page up to date.
      queryClient.setQueryData<InfiniteData<EvidencePage>>(evidenceKeys.list(), (old) =>
        old ? { ...old, pages: old.pages.map((page, i) => (i === 0 ? { ...page, packages: [pkg, ...page.packages.filter((p) => p.id !== pkg.id)] } : page)) } : old,
      );
      await Promise.all([evidenceKeys.all, auditKeys.all].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
  const errors = { ...serverFieldErrors(build.error), ...clientErrors };

  // Errors belong to the inputs of one scope; switching to the other starts clean.
  function setScope(next: BuildFormValues["scope"]) {
    setScopeState(next);
    setClientErrors({});
    if (build.isError) build.reset();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (build.isPending) return;
    const form = new FormData(event.currentTarget);
    const read = (name: string) => String(form.get(name) ?? "");
    const result = buildRequest({ framework: read("framework"), scope, asOf: read("asOf"), from: read("from"), to: read("to") });
    if (!result.ok) return setClientErrors(result.errors);
    setClientErrors({});
    build.reset();
    build.mutate(result.request);
  }

  const field = (name: string) => ({ error: errors[name] });
  const aria = (describedBy: string | undefined, invalid: boolean) => ({ "aria-describedby": describedBy, "aria-invalid": invalid || undefined });

  return (
    <form onSubmit={submit} aria-label="Build an evidence package" aria-busy={build.isPending} noValidate className="space-y-4">
      <Field label="Framework" {...field("framework")} className="max-w-xs">
        {({ id, describedBy, invalid }) => (
          <Select id={id} name="framework" defaultValue={frameworks[0]?.id} disabled={build.isPending} {...aria(describedBy, invalid)}>
            {frameworks.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </Select>
        )}
      </Field>

      <fieldset className="space-y-3" disabled={build.isPending}>
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
        <Button type="submit" disabled={build.isPending}>
          {build.isPending ? "Building and signing…" : "Build package"}
        </Button>
        <p role="status" className="text-sm text-zinc-600">
          {build.isPending ? "Gathering the records, rendering the report and signing the manifest; this takes a few seconds." : ""}
        </p>
      </div>

      {build.isError ? (
        <Alert tone="danger" title="The package was not built">
          {errorMessage(build.error)}
        </Alert>
      ) : null}
      {build.isSuccess ? <BuiltNotice pkg={build.data} frameworkLabel={frameworks.find((f) => f.id === build.data.framework)?.label ?? build.data.framework} /> : null}
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
