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
const TIMEOUT_MS = 5000;

/** The Slack-compatible message (incoming-webhook JSON: `text` plus mrkdwn blocks) for newly opened findings. */
export function webhookMessage(items: NewFinding[], baseUrl: string | null): { text: string; blocks: unknown[] } {
  const link = (path: string) => (baseUrl ? `${baseUrl.replace(/\/$/, "")}${path}` : path);
  const critical = items.filter((f) => f.severity === "critical").length;
  const text = `Leash: ${items.length} new finding${items.length === 1 ? "" : "s"}${critical ? ` (${critical} critical)` : ""}`;
  const lines = items.slice(0, MAX_LISTED).map((f) => `• *${f.severity}* ${f.ruleId} — <${link(subjectHref(f.subjectKind, f.subjectId))}|${escapeMrkdwn(f.subjectLabel)}>: ${escapeMrkdwn(f.reason)}${f.reopened ? " (reopened)" : ""}`);
  if (items.length > MAX_LISTED) lines.push(`…and ${items.length - MAX_LISTED} more: <${link("/findings?status=open")}|open the queue>`);
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: `${text}\n${lines.join("\n")}` } }] };
}

/** Slack treats &, < and > as control characters in mrkdwn; names and reasons come from imported data. */
function escapeMrkdwn(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Sends newly opened findings at or above the configured severity to the webhook. Delivery failures are logged,
 * never thrown: the evaluation that found them has already been stored.
 */
export async function notifyNewFindings(found: NewFinding[]): Promise<void> {
  if (!found.length) return;
  const settings = await currentNotificationSettings();
  if (!settings.webhookUrl) return;
  const items = found.filter((f) => RANK[f.severity] <= RANK[settings.minSeverity]).sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  if (!items.length) return;
  try {
    const response = await fetch(settings.webhookUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(webhookMessage(items, env().LEASH_PUBLIC_URL ?? null)),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) console.error(`[leash] finding notification refused by webhook host: HTTP ${response.status}`);
  } catch (error) {
    console.error("[leash] finding notification could not be delivered:", error instanceof Error ? error.message : error);
  }
}
