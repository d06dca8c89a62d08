import { expect, test } from "vitest";
import { shannonEntropy } from "./entropy";

test("entropy in bits per character, for ASCII and wider characters alike", () => {
  expect(shannonEntropy("")).toBe(0);
  expect(shannonEntropy("aaaa")).toBe(0);
  expect(shannonEntropy("abab")).toBe(1);
  expect(shannonEntropy("abcd")).toBe(2);
  expect(shannonEntropy("ééüü")).toBe(1);
  expect(shannonEntropy("aéb€")).toBe(2);
  // 0.5·log2(2) + 2 · 0.25·log2(4)
  expect(shannonEntropy("aabc")).toBe(1.5);
});

test("one call's counts never leak into the next", () => {
  expect(shannonEntropy("abcdefgh")).toBe(3);
  expect(shannonEntropy("zzzzzzzz")).toBe(0);
  expect(shannonEntropy("a")).toBe(0);
  expect(shannonEntropy("ab")).toBe(1);
});
