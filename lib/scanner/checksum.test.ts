import { expect, test } from "vitest";
import { base62, crc32, crc32Base62Valid, withCrc32Base62 } from "./checksum";

test("crc32 matches the standard check value", () => {
  expect(crc32("123456789")).toBe(0xcbf43926);
  expect(crc32("")).toBe(0);
});

test("base62 pads to width and uses digits, upper, lower", () => {
  expect(base62(0, 6)).toBe("000000");
  expect(base62(61, 2)).toBe("0z");
  expect(base62(62, 2)).toBe("10");
});

test("a computed checksum validates; any changed character does not", () => {
  const random = "Ab3".repeat(10);
  const token = `npm_${withCrc32Base62(random)}`;
  expect(crc32Base62Valid(token, "npm_")).toBe(true);
  expect(crc32Base62Valid(`npm_${random.replace("A", "B")}${token.slice(-6)}`, "npm_")).toBe(false);
  expect(crc32Base62Valid(token.slice(0, -1), "npm_")).toBe(false);
});
