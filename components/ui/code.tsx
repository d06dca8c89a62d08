import type { ReactNode } from "react";

/** Inline command or identifier. */
export function Code({ children }: { children: ReactNode }) {
  return <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs text-zinc-800">{children}</code>;
}
