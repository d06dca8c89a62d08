import "server-only";
import type { Severity, SubjectKind } from "@/lib/rules";
import { env } from "../env";
import { currentNotificationSettings } from "../rule-parameters";
import { subjectHref } from "./world";

export type NewFinding = {
  id: string;
  ruleId: string;
  severity: Severity;
  subjectKind: SubjectKind;
  subjectId: string;
  subjectLabel: string;
  reason: string;
  reopened: boolean;
};

const RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };
/** A Slack message stays readable; the rest are counted and linked. */
const MAX_LISTED = 20;
/** Slack refuses a section whose text is longer (invalid_blocks), and the whole message with it. */
const MAX_SECTION_CHARS = 3000;
/** The most of a name or reason one line quotes, so a few long ones do not crowd out the rest. */
const MAX_QUOTED_CHARS = 200;
const TIMEOUT_MS = 5000;

/**
 * Newly opened findings of one run: counted by severity, and only the first few of each severity kept, so a first
 * evaluation that opens a million findings does not hold a million objects to announce twenty of them.
 */
export class NewFindingDigest {
  readonly counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  private readonly kept: Record<Severity, NewFinding[]> = { critical: [], high: [], medium: [], low: [] };

  add(finding: NewFinding): void {
    this.counts[finding.severity]++;
    if (this.kept[finding.severity].length < MAX_LISTED) this.kept[finding.severity].push(finding);
  }

  /** The kept findings (their ids are filled in once the batch's insert returns them). */
  get keptFindings(): NewFinding[] {
    return Object.values(this.kept).flat();
  }

  /** At or above `min`: how many, how many critical, and the most severe few. */
  atLeast(min: Severity): { total: number; critical: number; listed: NewFinding[] } {
    const severities = (Object.keys(RANK) as Severity[]).filter((s) => RANK[s] <= RANK[min]);
    return {
      total: severities.reduce((n, s) => n + this.counts[s], 0),
      critical: this.counts.critical,
      listed: severities.flatMap((s) => this.kept[s]).slice(0, MAX_LISTED),
    };
  }
}

/** The Slack-compatible message (incoming-webhook JSON: `text` plus mrkdwn blocks) for newly opened findings. */
export function webhookMessage(digest: { total: number; critical: number; listed: NewFinding[] }, baseUrl: string | null): { text: string; blocks: unknown[] } {
  const link = (path: string) => (baseUrl ? `${baseUrl.replace(/\/$/, "")}${path}` : path);
  const { total, critical, listed } = digest;
  const text = `Leash: ${total} new finding${total === 1 ? "" : "s"}${critical ? ` (${critical} critical)` : ""}`;
  const lines = listed.map((f) => `• *${f.severity}* ${f.ruleId} — <${link(subjectHref(f.subjectKind, f.subjectId))}|${quoted(f.subjectLabel)}>: ${quoted(f.reason)}${f.reopened ? " (reopened)" : ""}`);
  const more = (n: number) => `…and ${n} more: <${link("/findings?status=open")}|open the queue>`;
  // As many lines as fit in one section beside the heading and the line that counts the rest.
  let section = text;
  let shown = 0;
  for (const line of lines) {
    if (section.length + line.length + more(total).length + 2 > MAX_SECTION_CHARS) break;
    section += `\n${line}`;
    shown++;
  }
  if (total > shown) section += `\n${more(total - shown)}`;
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: section } }] };
}

/**
 * A name or reason from imported data as one line of mrkdwn: line breaks would start what reads as another
 * finding, Slack treats &, < and > as control characters, and a long value is cut.
 */
function quoted(value: string): string {
  const line = value.replace(/\s+/g, " ").trim();
  const cut = line.length > MAX_QUOTED_CHARS ? `${line.slice(0, MAX_QUOTED_CHARS - 1).replace(/[\ud800-\udbff]$/, "")}…` : line;
  return cut.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Sends newly opened findings at or above the configured severity to the webhook. Delivery failures are logged,
 * never thrown: the evaluation that found them has already been stored.
 */
export async function notifyNewFindings(found: NewFindingDigest): Promise<void> {
  const settings = await currentNotificationSettings();
  if (!settings.webhookUrl) return;
  const digest = found.atLeast(settings.minSeverity);
  if (!digest.total) return;
  try {
    const response = await fetch(settings.webhookUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(webhookMessage(digest, env().LEASH_PUBLIC_URL ?? null)),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) console.error(`[leash] finding notification refused by webhook host: HTTP ${response.status}`);
  } catch (error) {
    console.error("[leash] finding notification could not be delivered:", error instanceof Error ? error.message : error);
  }
}
