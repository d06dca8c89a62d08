import { describe, expect, test } from "vitest";
import type { RuleParametersDto } from "@/lib/domain/posture";
import { displayValue, errorFor, fromDraft, parameterLabel, parseRuntimes, toDraft } from "./parameter-draft";

const DTO: RuleParametersDto = {
  version: 3,
  hash: "abc",
  updatedAt: "2026-01-02T03:04:05.000Z",
  updatedBy: "admin@example.test",
  slas: { critical: 1, high: 7, medium: 30, low: 90 },
  agentRuntimes: [{ token: "claude-code", name: "Claude Code", kind: "coding-agent" }],
  agentRuntimesCustom: false,
  rules: [
    { id: "R01", title: "Owner", severity: "high", subject: "credential", values: {}, defaults: {} },
    { id: "R04", title: "Short-lived", severity: "high", subject: "credential", values: { maxHours: 12 }, defaults: { maxHours: 24 } },
    { id: "R20", title: "Storage", severity: "medium", subject: "credential", values: { acceptedStorage: ["vault", "ci_secret"] }, defaults: { acceptedStorage: ["vault", "ci_secret"] } },
  ],
};

describe("rule parameter drafts (an admin tightening R04 from 24 h to 12 h)", () => {
  test("values render by type and round-trip unchanged into the PUT body", () => {
    const draft = toDraft(DTO);
    expect(draft.rules).toEqual({ R01: {}, R04: { maxHours: "12" }, R20: { acceptedStorage: "vault, ci_secret" } });
    expect(draft.slas).toEqual({ critical: "1", high: "7", medium: "30", low: "90" });
    expect(fromDraft(DTO, draft)).toEqual({
      input: { rules: { R01: {}, R04: { maxHours: 12 }, R20: { acceptedStorage: ["vault", "ci_secret"] } }, slas: { critical: 1, high: 7, medium: 30, low: 90 }, agentRuntimes: null },
      errors: {},
    });
  });

  test("a non-number, a rule-schema violation and a bad SLA are keyed like the server's field errors", () => {
    const draft = toDraft(DTO);
    draft.rules.R04!.maxHours = "-5";
    draft.slas.high = "soon";
    draft.slas.low = "400";
    const { errors } = fromDraft(DTO, draft);
    expect(Object.keys(errors).sort()).toEqual(["rules.R04.maxHours", "slas.high", "slas.low"]);
    expect(errors["slas.high"]).toBe("enter a number");
  });

  test("lists split on commas and drop blanks; booleans stay booleans", () => {
    expect(displayValue(true)).toBe(true);
    const draft = toDraft(DTO);
    draft.rules.R20!.acceptedStorage = " vault ,, kms ";
    expect(fromDraft(DTO, draft).input.rules?.R20).toEqual({ acceptedStorage: ["vault", "kms"] });
  });

  test("nested server errors reach their input; labels come from names", () => {
    expect(errorFor({ "rules.R10.destructiveOperations.0": "too short" }, "rules.R10.destructiveOperations")).toBe("too short");
    expect(errorFor({ "rules.R04.maxHoursX": "no" }, "rules.R04.maxHours")).toBeUndefined();
    expect(parameterLabel("productionDays")).toBe("Production days");
    expect(parameterLabel("slaHours")).toBe("SLA hours");
  });

  test("agent runtimes: the built-in list unless replaced; a bad line is named", () => {
    const draft = toDraft(DTO);
    expect(draft).toMatchObject({ agentRuntimesCustom: false, agentRuntimes: "claude-code | Claude Code | coding-agent" });
    draft.agentRuntimesCustom = true;
    draft.agentRuntimes = "claude-code | Claude Code | coding-agent\n\nacme-bot | Acme Bot | automation";
    expect(fromDraft(DTO, draft).input.agentRuntimes).toEqual([
      { token: "claude-code", name: "Claude Code", kind: "coding-agent" },
      { token: "acme-bot", name: "Acme Bot", kind: "automation" },
    ]);
    expect(parseRuntimes("acme-bot | Acme Bot | robot")).toEqual({ ok: false, message: "line 1: kind must be one of coding-agent, agent-sdk, automation, agent-service" });
    // A part left out reads as the server words it, not as a wrong kind or a string too short.
    expect(parseRuntimes("acme-bot | Acme Bot")).toEqual({ ok: false, message: "line 1: kind is required" });
    expect(parseRuntimes("claude-code | Claude Code | coding-agent\n | Acme Bot | automation")).toEqual({ ok: false, message: "line 2: token is required" });
    draft.agentRuntimes = "  ";
    expect(fromDraft(DTO, draft).errors.agentRuntimes).toBe("list at least one runtime, or use the built-in list");
  });
});
