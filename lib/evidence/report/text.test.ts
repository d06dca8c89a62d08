import { describe, expect, it } from "vitest";
import { trendSegments } from "./chart";
import { MAX_TEXT_CHARS, chunk, formatCount, formatInstant, formatParameters, formatPercent, formatScope, pdfLine, pdfText } from "./text";

describe("pdfText", () => {
  it("keeps WinAnsi (Latin-1 and the CP1252 extras) and replaces every other character with one '?'", () => {
    expect(pdfText("Müller – “Søren” € … œ")).toBe("Müller – “Søren” € … œ");
    expect(pdfText("東京-prod-κλειδί-🔑")).toBe("??-prod-??????-?");
    expect(pdfText("a\u0000b\u202ec\u200bd")).toBe("a?b?c?d");
  });

  it("composes decomposed accents before deciding, and normalises line breaks and tabs", () => {
    expect(pdfText("e\u0301")).toBe("é");
    expect(pdfText("a\tb\r\nc\rd")).toBe("a b\nc\nd");
    expect(pdfLine("a\n\nb")).toBe("a b");
  });

  it("bounds the length of any one text", () => {
    const text = pdfText("y".repeat(MAX_TEXT_CHARS + 5));
    expect(text.startsWith("y".repeat(MAX_TEXT_CHARS))).toBe(true);
    expect(text.endsWith(`[cut at ${MAX_TEXT_CHARS} characters]`)).toBe(true);
  });
});

describe("formatting", () => {
  it("formats scores, counts, instants and scopes in UTC", () => {
    expect(formatPercent(0.81149)).toBe("81.1%");
    expect(formatPercent(1)).toBe("100.0%");
    expect(formatPercent(0.9996)).toBe("99.9%");
    expect(formatPercent(null)).toBe("not tested");
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatCount(null)).toBe("–");
    expect(formatInstant("2025-07-01T11:30:00+02:00")).toBe("2025-07-01 09:30:00 UTC");
    expect(formatInstant("2025-07-01")).toBe("2025-07-01");
    expect(formatScope({ kind: "period", from: "2025-04-01", to: "2025-06-30" })).toBe("period 2025-04-01 to 2025-06-30");
  });

  it("writes parameters as key=value lines and cuts hashes into lines", () => {
    expect(formatParameters({ maxDays: 90, env: "prod", list: ["a"] })).toBe('maxDays=90\nenv=prod\nlist=["a"]');
    expect(formatParameters({})).toBe("(none)");
    expect(chunk("abcdefgh", 3)).toBe("abc\ndef\ngh");
  });
});

describe("trendSegments", () => {
  it("splits the line at days without a score, keeping lone days as one-point segments", () => {
    const points = [0.5, null, 0.6, 0.7, null, null, 0.8].map((score, i) => ({ day: `d${i}`, score }));
    expect(trendSegments(points)).toEqual([[[0, 0.5]], [[2, 0.6], [3, 0.7]], [[6, 0.8]]]);
  });
});
