import { expect, test } from "vitest";
import { visibleText } from "./visible-text";

test("terminal control sequences in stored text are shown, not run", () => {
  // Recolour, retitle (OSC … BEL) and clear the screen; then the 8-bit CSI a terminal may take for ESC [.
  expect(visibleText("\u001b[31mRED\u001b]0;pwned\u0007\u001b[2J")).toBe("\\x1b[31mRED\\x1b]0;pwned\\x07\\x1b[2J");
  expect(visibleText("c1\u009b31m")).toBe("c1\\x9b31m");
});

test("a bidirectional override cannot make a name read as another", () => {
  expect(visibleText("prod-deploy\u202egnp.exe\u202c-key")).toBe("prod-deploy\\u202egnp.exe\\u202c-key");
  expect(visibleText("a\u2066b\u2069\u200f")).toBe("a\\u2066b\\u2069\\u200f");
});

test("line breaks and tabs stay inside their cell; other text is kept as it is", () => {
  expect(visibleText("line1\nline2\r\n\tx")).toBe("line1\\x0aline2\\x0d\\x0a\\x09x");
  const plain = `<img src=x> "q" \\ 🔑𝕏 Zürich 汉字 ad\u200bmin Z\u0334a`;
  expect(visibleText(plain)).toBe(plain);
});
