import { Badge } from "@/components/ui/badge";
import type { CorpusDto, ScanRunDto } from "@/lib/domain/scan";



export const CORPUS_KIND_LABELS: Record<CorpusDto["kind"], string> = {
  git_repo: "Git repository",
  docs_export: "Docs export",
  chat_export: "Chat export",
  file_tree: "File tree",
};

/** Says plainly whether agents read the place, and which ones: the reason an exposure there is urgent. */
export function AgentReadableBadge({ agentReadable, readers }: { agentReadable: boolean; readers: string[] }) {
  if (!agentReadable) return <Badge tone="neutral">Not read by agents</Badge>;
  return (
    <span className="inline-flex flex-col items-start gap-0.5">
      <Badge tone="danger">Agents read this</Badge>
      {readers.length > 0 ? <span className="text-xs text-zinc-700">Readers: {readers.join(", ")}</span> : null}
    </span>
  );
}

export function FindingStatusBadge({ resolvedAt }: { resolvedAt: string | null }) {
  return resolvedAt ? <Badge tone="success">resolved</Badge> : <Badge tone="warning">open</Badge>;
}

export function RunStatusBadge({ status }: { status: ScanRunDto["status"] }) {
  return <Badge tone={status === "completed" ? "success" : "danger"}>{status}</Badge>;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** An agent-readable corpus unscanned for a week (or ever) may hold secrets agents are reading right now. */
export function coverageGap(corpus: Pick<CorpusDto, "agentReadable" | "lastScanAt">, now: number): "never" | "stale" | null {
  if (!corpus.agentReadable) return null;
  if (!corpus.lastScanAt) return "never";
  return now - new Date(corpus.lastScanAt).getTime() > WEEK_MS ? "stale" : null;
}

export function CoverageWarning({ gap }: { gap: "never" | "stale" | null }) {
  if (!gap) return null;
  return (
    <span className="mt-0.5 block text-xs font-medium text-amber-800" data-testid="coverage-warning">
      ⚠ {gap === "never" ? "Agents read this but it was never scanned" : "Not scanned in the last 7 days"}
    </span>
  );
}

export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1_048_576;
  return `${mb < 0.01 && bytes > 0 ? "<0.01" : mb.toFixed(2)} MB`;
}

export function durationOf(run: Pick<ScanRunDto, "startedAt" | "finishedAt">): string {
  const ms = new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime();
  if (!Number.isFinite(ms) || ms < 0) return "—";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
