import { expect, test } from "vitest";
import { isUuid, timeOrderedUuid } from "./ids";

test("a time-ordered UUID is a valid version 7 UUID carrying its millisecond", () => {
  const at = Date.UTC(2026, 10, 28, 1, 2, 3, 456);
  const id = timeOrderedUuid(at);
  expect(isUuid(id)).toBe(true);
  expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(at);
});

test("ids of later milliseconds sort after earlier ones, and ids of one millisecond differ", () => {
  const start = Date.UTC(2026, 0, 1);
  const ids = Array.from({ length: 1000 }, (_, i) => timeOrderedUuid(start + i * 7));
  expect([...ids].sort()).toEqual(ids);
  const same = new Set(Array.from({ length: 1000 }, () => timeOrderedUuid(start)));
  expect(same.size).toBe(1000);
});
