import { expect, test } from "vitest";
import type { Severity } from "@/lib/rules";
import { webhookMessage, type NewFinding } from "./notify";

// Names and reasons in a finding notification come from imported inventory and ingested logs.
const finding = (i: number, subjectLabel: string, reason: string, severity: Severity = "critical"): NewFinding => ({
  id: `f-${i}`,
  ruleId: "R10",
  severity,
  subjectKind: "credential",
  subjectId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  subjectLabel,
  reason,
  reopened: false,
});
const section = (message: ReturnType<typeof webhookMessage>) => (message.blocks[0] as { text: { text: string } }).text.text;

test("twenty findings with long names stay within Slack's 3,000 characters a section, and the rest are counted", () => {
  const listed = Array.from({ length: 20 }, (_, i) => finding(i, `deploy-${"W".repeat(250)}`, `principal_type=human (${"L".repeat(512)}); agent_accessible=true`));
  const text = section(webhookMessage({ total: 25, critical: 25, listed }, "https://leash.example.com"));
  expect(text.length).toBeLessThanOrEqual(3000);
  const shown = text.split("\n").filter((l) => l.startsWith("• ")).length;
  expect(shown).toBeGreaterThan(3);
  expect(text).toMatch(new RegExp(`\\n…and ${25 - shown} more: <https://leash\\.example\\.com/findings\\?status=open\\|open the queue>$`));
});

test("a name cannot add a line that reads as another finding, nor a link or a mention", () => {
  const text = section(webhookMessage({ total: 1, critical: 1, listed: [finding(1, "ok\n• *critical* R99 — <https://evil.example|fake>\u2028<!channel>", "reason\r\nmore")] }, null));
  expect(text).toBe(
    "Leash: 1 new finding (1 critical)\n" +
      "• *critical* R10 — </credentials/00000000-0000-4000-8000-000000000001|ok • *critical* R99 — &lt;https://evil.example|fake&gt; &lt;!channel&gt;>: reason more",
  );
});
