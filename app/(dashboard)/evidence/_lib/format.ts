import type { EvidenceScope } from "@/lib/evidence/model";
import { formatDateTime } from "@/lib/client/format";

/** "As of 2026-01-05 09:30 UTC" or "Period 2026-01-01 – 2026-03-31": what a package describes, in UTC. */
export function formatScope(scope: EvidenceScope): string {
  return scope.kind === "as_of" ? `As of ${formatDateTime(scope.asOf)}` : `Period ${scope.from} – ${scope.to}`;
}

/** Sizes in binary units with one decimal, so two packages of similar size are told apart. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Where the browser fetches a package's stored bytes; a plain link, so the download is the browser's own. */
export function downloadHref(id: string): string {
  return `/api/v1/evidence/${encodeURIComponent(id)}/download`;
}
