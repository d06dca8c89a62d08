import { describe, expect, test } from "vitest";
import { keysetPages } from "./sql-rows";

/** A fake keyset source over 0..total-1 that records the order in which reads start. */
function source(total: number, log: string[], failAt?: number) {
  return async (last: number | null): Promise<number[]> => {
    const from = last === null ? 0 : last + 1;
    log.push(`read ${from}`);
    await new Promise((resolve) => setImmediate(resolve));
    if (from === failAt) throw new Error(`read ${from} failed`);
    return Array.from({ length: Math.max(0, Math.min(3, total - from)) }, (_, i) => from + i);
  };
}

describe("keysetPages", () => {
  test("yields every page in order, enriched, and stops after a short page", async () => {
    const log: string[] = [];
    const pages: string[] = [];
    for await (const page of keysetPages(source(8, log), 3, async (rows) => rows.join("+"))) pages.push(page);
    expect(pages).toEqual(["0+1+2", "3+4+5", "6+7"]);
    expect(log).toEqual(["read 0", "read 3", "read 6"]);
  });

  test("an exact multiple of the page size ends on the empty read after it, which yields nothing", async () => {
    const pages: number[][] = [];
    for await (const page of keysetPages(source(6, []), 3)) pages.push(page);
    expect(pages).toEqual([[0, 1, 2], [3, 4, 5]]);
  });

  test("the next page is read before this one's enrichment is done, and never more than two pages ahead", async () => {
    const log: string[] = [];
    const release: Array<() => void> = [];
    // Enrichment waits until the test lets it go: reads must not wait for it.
    const enrich = (rows: number[]) => new Promise<number[]>((resolve) => release.push(() => resolve(rows)));
    const pages = keysetPages(source(30, log), 3, enrich)[Symbol.asyncIterator]();
    const first = pages.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log).toEqual(["read 0", "read 3"]);
    release.shift()!();
    expect((await first).value).toEqual([0, 1, 2]);
    // The caller holds page 0 and has not asked for more: page 1 is read (and enriching), nothing beyond it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log).toEqual(["read 0", "read 3"]);
    await pages.return(undefined);
  });

  test("a failed read is thrown to the caller; a read the caller no longer wants fails quietly", async () => {
    const seen: number[][] = [];
    await expect(
      (async () => {
        for await (const page of keysetPages(source(30, [], 6), 3)) seen.push(page);
      })(),
    ).rejects.toThrow("read 6 failed");
    expect(seen).toEqual([[0, 1, 2], [3, 4, 5]]);
    // Stopping at the first page leaves the read of the second, which fails, unawaited: no unhandled rejection.
    for await (const page of keysetPages(source(30, [], 3), 3)) {
      expect(page).toEqual([0, 1, 2]);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
});
