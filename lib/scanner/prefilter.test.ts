import { describe, expect, it } from "vitest";
import { KeywordAutomaton } from "./prefilter";

/** Every (keyword, start) pair found by plain case-insensitive search: what the automaton must report. */
function naiveHits(keywords: string[], text: string): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  keywords.forEach((kw, id) => {
    for (let at = lower.indexOf(kw); at !== -1; at = lower.indexOf(kw, at + 1)) out.push(`${id}@${at}`);
  });
  return out.sort();
}

function automatonHits(automaton: KeywordAutomaton, text: string): string[] {
  const out: string[] = [];
  automaton.scan(text, (id, at) => out.push(`${id}@${at}`));
  return out.sort();
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function randomText(next: () => number, alphabet: string, length: number): string {
  const chars = [...alphabet];
  let text = "";
  for (let i = 0; i < length; i++) text += chars[Math.floor(next() * chars.length)];
  return text;
}

describe("keyword automaton", () => {
  const keywords = ["secret", "secret_", "et_k", "_key", "token", "sk-", "://", "q~"];
  const automaton = new KeywordAutomaton(keywords);

  it("reports every occurrence, overlapping and nested ones included, whatever the case", () => {
    const text = "MY_SECRET_KEY=x; Token: sk-abc https://h q~ secret_key";
    expect(automatonHits(automaton, text)).toEqual(naiveHits(keywords, text));
    expect(automatonHits(automaton, text)).toContain("0@3");
    expect(automatonHits(automaton, text)).toContain("2@7");
  });

  it("agrees with plain search on random ASCII text over the keywords' letters, in any case", () => {
    // Seeded, so a failure is reproducible; the alphabet makes keyword occurrences frequent.
    const next = seeded(42);
    for (let round = 0; round < 200; round++) {
      const text = randomText(next, "secrtkoneSECRTKON_-:/q~ \n", 300);
      expect(automatonHits(automaton, text)).toEqual(naiveHits(keywords, text));
    }
  });

  it("never misses a keyword in text with non-ASCII characters, even ones that alias a keyword's letters", () => {
    // U+0165 and U+0173 share their low seven bits with "e" and "s": they may add a hit, never hide one.
    const next = seeded(7);
    for (let round = 0; round < 200; round++) {
      const text = randomText(next, "secrtkone_-:/q~ é€漢\u0165\u0173", 300);
      const found = new Set(automatonHits(automaton, text));
      for (const hit of naiveHits(keywords, text)) expect(found.has(hit), `${hit} in ${JSON.stringify(text)}`).toBe(true);
    }
  });

  it("finds a keyword right after a non-ASCII character, and any() agrees with scan()", () => {
    expect(automatonHits(automaton, "漢token€token")).toEqual(["4@1", "4@7"]);
    expect(automaton.any("漢字 sk-live")).toBe(true);
    expect(automaton.any("nothing to see here")).toBe(false);
  });
});
