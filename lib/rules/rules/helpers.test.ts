import { describe, expect, test } from "vitest";
import { NOW, goodCredential } from "../test-fixtures";
import { asOf, describeField, shown, shownAge } from "./helpers";

describe("shown — a failing value is never printed equal to its limit", () => {
  test("one decimal when that already tells value and limit apart", () => {
    expect(shown(48, 24)).toBe("48");
    expect(shown(24.5, 90)).toBe("24.5");
    expect(shown(90, 90)).toBe("90");
  });
  test("as many more decimals as it takes when one decimal would equal the limit", () => {
    expect(shown(24 + 1 / 60, 24)).toBe("24.02");
    expect(shown(90 + 1 / 1440, 90)).toBe("90.001");
    expect(shown(89.99, 90)).toBe("89.99");
    expect(Number(shown(90 + 1 / 86_400_000, 90))).toBeGreaterThan(90);
  });
});

describe("asOf — a record's later events had not happened at the evaluation instant (posture as of a past date)", () => {
  test("returns the credential itself when nothing is later", () => {
    const c = goodCredential();
    expect(asOf(c, NOW)).toBe(c);
  });
  test("a later revocation leaves it unrevoked and its revoked status unstated; later times are not stated", () => {
    const c = goodCredential({ status: "revoked", revoked_at: "2026-11-26T00:00:00.000Z", last_used_at: "2026-11-26T00:00:00.000Z" });
    const view = asOf(c, NOW);
    expect(view.revoked_at).toBeNull();
    expect(view.status).toBeUndefined();
    expect("last_used_at" in view).toBe(false);
    expect(view.last_rotated_at).toBe(c.last_rotated_at);
    expect(describeField(view, "last_used_at")).toBe("last_used_at=2026-11-26T00:00:00.000Z is after the evaluation instant, so not known then");
    expect(c.status).toBe("revoked");
  });
  test("a revoked status without a later revoked_at is believed", () => {
    const c = goodCredential({ status: "revoked", revoked_at: null });
    expect(asOf(c, NOW).status).toBe("revoked");
    expect(describeField(c, "status")).toBe("status=revoked");
  });
});

describe("shownAge: an age that grows between evaluations prints the same words", () => {
  test("one decimal away from the limit, and 'just over/under' at it, however many seconds pass", () => {
    expect(shownAge(45.26, 90)).toBe("45.3");
    expect(shownAge(90, 90)).toBe("90");
    const second = 1 / 86_400;
    expect(new Set([90 + second, 90 + 30 * second, 90 + 3_000 * second].map((d) => shownAge(d, 90)))).toEqual(new Set(["just over 90"]));
    expect(shownAge(90 - second, 90)).toBe("just under 90");
  });
});
