"use client";

import { QueryErrorResetBoundary } from "@tanstack/react-query";
import { Component, Suspense, type ErrorInfo, type ReactNode } from "react";
import { errorMessage } from "@/lib/client/api";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";

type BoundaryProps = { onReset: () => void; children: ReactNode };
type BoundaryState = { error: unknown };

class ErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error };
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error("query boundary", error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
        <p className="font-semibold">Could not load this section.</p>
        <p className="mt-1">{errorMessage(this.state.error)}</p>
        <Button
          variant="secondary"
          size="sm"
          className="mt-3"
          onClick={() => {
            this.props.onReset();
            this.setState({ error: null });
          }}
        >
          Try again
        </Button>
      </div>
    );
  }
}

/** Suspense + error boundary for useSuspenseQuery readers; "Try again" resets the failed queries. */
export function QueryBoundary({ children, fallback }: { children: ReactNode; fallback?: ReactNode }) {
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <ErrorBoundary onReset={reset}>
          <Suspense fallback={fallback ?? <LoadingBlock />}>{children}</Suspense>
        </ErrorBoundary>
      )}
    </QueryErrorResetBoundary>
  );
}

export function LoadingBlock({ label = "Loading…" }: { label?: string }) {
  return (
    <div role="status" className="rounded-lg border border-zinc-200 bg-white p-6 text-sm text-zinc-500">
      <span className="inline-block size-3 animate-pulse rounded-full bg-zinc-300 align-middle" aria-hidden="true" />{" "}
      {label}
    </div>
  );
}

/** A useQuery section that failed to load (one not under a QueryBoundary): what went wrong, and a way to retry. */
export function LoadError({ title, error, retry }: { title: string; error: unknown; retry: () => void }) {
  return (
    <Alert tone="danger" title={title}>
      {errorMessage(error)}{" "}
      <Button variant="secondary" size="sm" onClick={retry}>
        Try again
      </Button>
    </Alert>
  );
}
