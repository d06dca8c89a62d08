import { describe, expect, test } from "vitest";
import { pageRangeText } from "./format";

describe("pageRangeText", () => {
  const noun = { one: "credential", many: "credentials" };
  test.each([
    [1, 1, 1, "1 credential"],
    [1, 2, 2, "1–2 of 2 credentials"],
    [26, 50, 1200, "26–50 of 1,200 credentials"],
    [1001, 1001, 1001, "1,001–1,001 of 1,001 credentials"],
  ])("rows %i–%i of %i read %s", (first, last, total, text) => {
    expect(pageRangeText(first, last, total, noun)).toBe(text);
  });
});
