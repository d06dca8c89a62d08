"use client";

import { PageTitle } from "@/components/page-title";
import { Button } from "@/components/ui/button";

/** Unexpected failures inside the shell: a generic message and the digest, which matches the server log line. */
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6 text-sm text-red-800">
      <PageTitle name="Something went wrong" />
      <h1 className="text-base font-semibold">Something went wrong</h1>
      <p className="mt-1">This page could not be shown. Try again, and quote the reference below if it keeps happening.</p>
      {error.digest ? <p className="mt-2 font-mono text-xs text-red-700">Reference: {error.digest}</p> : null}
      <Button variant="secondary" size="sm" className="mt-4" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
