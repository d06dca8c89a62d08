import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { SecretLocationDto } from "@/lib/domain/scan";

/** Slack message timestamps are epoch seconds with a sequence suffix ("1700000000.000100"). */
function slackTime(ts: string | number): string {
  const seconds = Number(String(ts).split(".")[0]);
  if (!Number.isFinite(seconds) || seconds <= 0) return String(ts);
  return `${new Date(seconds * 1000).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

const PAGE_FILE = /\.(?:html?|md|markdown)$/i;

/**
 * What the format-aware reader understood about the place: the Slack channel, message time and author; the export
 * page; the JSON/YAML key path; the git commit. Values come from uploaded files, so they are rendered as text only.
 */
export function LocationContext({ location }: { location: SecretLocationDto }) {
  const { channel, messageTs, user, keyPath, commit, cell, entry, ...rest } = location.context;
  const parts: [label: string, value: ReactNode][] = [];
  // Inside a zip the reader names the channel "<archive>!<folder>": the folder is the channel.
  if (channel !== undefined) parts.push(["Slack channel", `#${String(channel).split("!").pop()}`]);
  if (messageTs !== undefined) parts.push(["Message time", slackTime(messageTs)]);
  if (user !== undefined) parts.push(["User", String(user)]);
  if (entry !== undefined && channel === undefined) parts.push([PAGE_FILE.test(String(entry)) ? "Page" : "Archive entry", String(entry)]);
  if (keyPath !== undefined) parts.push(["Key path", <code key="k" className="font-mono">{String(keyPath)}</code>]);
  if (cell !== undefined) parts.push(["Notebook cell", String(cell)]);
  if (commit !== undefined) parts.push(["Commit", <code key="c" className="font-mono">{String(commit).slice(0, 12)}</code>]);
  for (const [key, value] of Object.entries(rest)) parts.push([key, String(value)]);
  return (
    <div className="space-y-1">
      {parts.length === 0 ? <span className="text-xs text-zinc-600">No further context</span> : null}
      {parts.length > 0 ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
          {parts.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-zinc-600">{label}</dt>
              <dd className="break-all text-zinc-900">{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {location.inTestPath ? <Badge tone="neutral">test or fixture path</Badge> : null}
    </div>
  );
}
