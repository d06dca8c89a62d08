import { expect, test } from "vitest";
import { Rng } from "../../bench/scanner/prng";
import { stripAnsi } from "./readers/ansi";
import { unescapeHtml } from "./readers/html";
import { chain, replaceMapped, toSource } from "./source-map";

const PIECES = ["a", "b", "Z", "7", " ", "\n", "\u001b[31m", "\u001b[0m", "&amp;", "&lt;", "&nbsp;", "\\_", "\\*", "_"];
const unescapeBackslash = (text: string) => replaceMapped(text, /\\([_*])/g, (m, out) => out.keep(m.index + 1, m.index + 2));

test("chained decodings map every kept character back to itself in the source, with one breakpoint per change at most", () => {
  const rng = new Rng(77);
  for (let round = 0; round < 200; round++) {
    let source = "";
    let changes = 0;
    for (let i = rng.int(0, 60); i > 0; i--) {
      const piece = rng.pick(PIECES);
      if (piece.length > 1) changes++;
      source += piece;
    }
    const decoded = chain(source, stripAnsi, unescapeHtml, unescapeBackslash);
    let last = -1;
    for (let i = 0; i < decoded.text.length; i++) {
      const at = toSource(decoded.points, i);
      expect(at).toBeGreaterThanOrEqual(last);
      last = at;
      if (/[A-Za-z0-9_*]/.test(decoded.text[i] ?? "")) expect(source[at]).toBe(decoded.text[i]);
    }
    expect(decoded.points.length).toBeLessThanOrEqual(2 * changes);
  }
});

test("text with nothing to decode has no map", () => {
  expect(chain("plain text\nno escapes", stripAnsi, unescapeHtml, unescapeBackslash)).toEqual({ text: "plain text\nno escapes", points: [] });
});
