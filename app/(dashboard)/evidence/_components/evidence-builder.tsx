"use client";

import { useState } from "react";
import type { BuildFormValues } from "../_lib/build-request";
import { BuildForm } from "./build-form";
import { PackageContents, type FrameworkChoice } from "./package-contents";

type EvidenceBuilderProps = {
  frameworks: FrameworkChoice[];
  defaultPeriod: { from: string; to: string };
  emptyAsOf?: string;
};

/** The build form and, beside it, what the package it is about to build will hold: both read the same choices. */
export function EvidenceBuilder({ frameworks, defaultPeriod, emptyAsOf }: EvidenceBuilderProps) {
  const [values, setValues] = useState<BuildFormValues>({ framework: frameworks[0]?.id ?? "", scope: "as_of", asOf: "", from: defaultPeriod.from, to: defaultPeriod.to });
  const framework = frameworks.find((f) => f.id === values.framework) ?? frameworks[0];
  return (
    <section aria-labelledby="build-title" className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
      <div className="rounded-lg border border-zinc-200 bg-white p-5">
        <h2 id="build-title" className="mb-4 text-base font-semibold text-zinc-900">
          Build a package
        </h2>
        <BuildForm frameworks={frameworks} defaultPeriod={defaultPeriod} emptyAsOf={emptyAsOf} onValuesChange={setValues} />
      </div>
      <PackageContents selection={framework ? { framework, values, emptyAsOf } : undefined} />
    </section>
  );
}
