import { expect, test } from "vitest";
import { formulaInjectionReason } from "./csv-cell";

test.each([
  ["=HYPERLINK(1)", "starts with '=': possible formula injection"],
  ["+1+1", "starts with '+': possible formula injection"],
  ["-2+3", "starts with '-': possible formula injection"],
  ["@SUM(A1)", "starts with '@': possible formula injection"],
  ["\tx", "starts with a tab: possible formula injection"],
  ["\rx", "starts with a carriage return: possible formula injection"],
  ["alice", undefined],
  ["a=b", undefined],
  ["team-a", undefined],
  ["owner@example.com", undefined],
  ["", undefined],
])("%j → %s", (cell, reason) => {
  expect(formulaInjectionReason(cell)).toBe(reason);
});
