import { expect, test } from "vitest";
import { RunCache } from "./run-cache";

/** A loader that answers keys starting with "c" and records what it was asked. */
function recordingLoader() {
  const asked: string[][] = [];
  const load = async (keys: string[]) => {
    asked.push([...keys].sort());
    return new Map(keys.filter((k) => k.startsWith("c")).map((k) => [k, [`${k}-v1`]]));
  };
  return { asked, load };
}

test("a key is loaded once per run; keys the loader does not answer get the absent value, also once", async () => {
  const { asked, load } = recordingLoader();
  const cache = new RunCache<string[]>(load, [], 100);
  const first = await cache.of(["c1", "c2", "x9", "c1"]);
  expect(Object.fromEntries(first)).toEqual({ c1: ["c1-v1"], c2: ["c2-v1"], x9: [] });
  const second = await cache.of(["c2", "c3", "x9"]);
  expect(Object.fromEntries(second)).toEqual({ c2: ["c2-v1"], c3: ["c3-v1"], x9: [] });
  expect(asked).toEqual([["c1", "c2", "x9"], ["c3"]]);
  await cache.of(["c1", "c3"]);
  expect(asked).toHaveLength(2);
});

test("past its bound it starts over, and the page that crossed it still gets every value", async () => {
  const { asked, load } = recordingLoader();
  const cache = new RunCache<string[]>(load, [], 3);
  await cache.of(["c1", "c2"]);
  const crossing = await cache.of(["c1", "c3", "c4"]);
  expect(Object.fromEntries(crossing)).toEqual({ c1: ["c1-v1"], c3: ["c3-v1"], c4: ["c4-v1"] });
  // c1 was known before the cache started over; c3 and c4 were kept after it.
  await cache.of(["c1", "c3", "c4"]);
  expect(asked).toEqual([["c1", "c2"], ["c3", "c4"], ["c1"]]);
});
