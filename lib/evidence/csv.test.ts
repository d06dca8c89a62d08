import { expect, test } from "vitest";
import { csvCell, csvLine } from "./csv";

test("cells that a spreadsheet would evaluate are neutralised", () => {
  for (const hostile of ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]) {
    expect(csvCell(hostile).replace(/^"/, "").startsWith("'")).toBe(true);
  }
});

test("quotes, commas, newlines and lists are escaped per RFC 4180", () => {
  expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
  expect(csvCell("a\nb")).toBe('"a\nb"');
  expect(csvCell(["production", "staging"])).toBe('"production;staging"');
  expect(csvCell(null)).toBe("");
  expect(csvCell(new Date(Date.UTC(2026, 0, 2)))).toBe("2026-01-02T00:00:00.000Z");
  expect(csvLine(["a", 1, true])).toBe("a,1,true\r\n");
  // White space a spreadsheet would trim is kept by quoting, at either end, and of any kind.
  for (const padded of [" a", "a ", "\u00a0a", "a\u3000", "\ufeffa"]) expect(csvCell(padded)).toBe(`"${padded}"`);
  expect(csvCell("a b")).toBe("a b");
});

test("the plain-text shortcut agrees with the full rules on every short string of the characters that matter", () => {
  const reference = (text: string) => {
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\r\n;]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const alphabet = ["a", " ", "=", "+", "-", "@", '"', ",", ";", "\n", "\r", "\t", "\u00a0", "'"];
  let strings = [""];
  for (let length = 1; length <= 3; length++) strings = [...strings, ...strings.filter((s) => s.length === length - 1).flatMap((s) => alphabet.map((c) => s + c))];
  expect(strings.length).toBeGreaterThan(2_700);
  for (const text of strings) expect(csvCell(text), JSON.stringify(text)).toBe(reference(text));
});

test("booleans and numbers are written as they print, and a negative number is kept from reading as a formula", () => {
  expect([true, false, 0, 42, 3.5, -2].map(csvCell)).toEqual(["true", "false", "0", "42", "3.5", "'-2"]);
});
