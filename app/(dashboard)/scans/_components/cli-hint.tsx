"use client";

import Link from "next/link";
import { useSyncExternalStore } from "react";
import { CopyButton } from "@/components/copy-button";
import { Code } from "@/components/ui/code";

const noSubscribe = () => () => {};

/** The scan can also run where the files are (CI, a laptop): only fingerprints and previews are uploaded. */
export function CliHint({ corpusName }: { corpusName: string }) {
  // The server cannot know which address the browser used; it renders a placeholder and the browser fills it in.
  const origin = useSyncExternalStore(noSubscribe, () => window.location.origin, () => "https://<your-leash>");
  const command = `leash scan PATH --upload --server ${origin} --token <token> --corpus ${shellQuote(corpusName)} --fingerprint-key <instance key file>`;
  return (
    <section aria-labelledby="cli-hint-title" className="rounded-lg border border-zinc-200 bg-white p-5">
      <h2 id="cli-hint-title" className="text-base font-semibold text-zinc-900">
        Or scan with the CLI
      </h2>
      <p className="mt-1 text-sm text-zinc-600">
        Scans where the files are (a repository in CI, a laptop) and uploads only fingerprints and redacted previews; the files never leave the machine.
      </p>
      <div className="mt-3 flex flex-wrap items-start gap-2">
        <pre className="min-w-0 flex-1 rounded-md bg-zinc-900 px-3 py-2 font-mono text-xs break-all whitespace-pre-wrap text-zinc-100" data-testid="cli-command">
          {command}
        </pre>
        <CopyButton text={command} label="Copy command" />
      </div>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-xs text-zinc-600">
        <li>
          <Code>&lt;token&gt;</Code>: an API token with the <Code>ingest</Code> scope, from{" "}
          <Link href="/settings/tokens" className="text-accent-700 underline">
            Settings → API tokens
          </Link>
          .
        </li>
        <li>
          <Code>&lt;instance key file&gt;</Code>: a file holding this instance&apos;s fingerprint key (<Code>LEASH_FINGERPRINT_KEY</Code>, or{" "}
          <Code>.leash/secrets/fingerprint-key</Code> on an embedded instance), so findings match the inventory.
        </li>
      </ul>
    </section>
  );
}

/** Single-quotes a name for a POSIX shell unless it is plainly safe. */
function shellQuote(value: string): string {
  return /^[\w.@%+=:,/-]+$/.test(value) ? `"${value}"` : `'${value.replaceAll("'", `'\\''`)}'`;
}
