import { describe, expect, test } from "vitest";
import { parseLeashCsv } from "./leash-csv";
import { parseLeashJson } from "./leash-json";

/**
 * Uploads are streamed: these sources could produce 100 MB of CSV or a JSON array of 1M objects, and count
 * how much of it was pulled. Items must come out while most of the source is still unread, which is only
 * possible if nothing buffers the file whole. (No timings are asserted.)
 */

const encoder = new TextEncoder();
const ROWS_PER_CHUNK = 1_000;

function csvSource(totalRows: number) {
  const state = { chunks: 0, bytes: 0 };
  async function* source(): AsyncGenerator<Uint8Array> {
    const header = encoder.encode("external_id,name,provider,kind,principal,environments,tags,created_at\r\n");
    state.bytes += header.length;
    yield header;
    for (let start = 0; start < totalRows; start += ROWS_PER_CHUNK) {
      const rows: string[] = [];
      for (let i = start; i < Math.min(start + ROWS_PER_CHUNK, totalRows); i++) {
        rows.push(`inv-${i},"Key ${i}, padded ${"x".repeat(40)}",aws,access_key,svc-${i % 97},production,tier-${i % 3};team-${i % 7},2026-01-05T09:00:00Z\r\n`);
      }
      const chunk = encoder.encode(rows.join(""));
      state.chunks++;
      state.bytes += chunk.length;
      yield chunk;
    }
  }
  return { source, state };
}

function jsonSource(totalObjects: number) {
  const state = { chunks: 0 };
  async function* source(): AsyncGenerator<Uint8Array> {
    yield encoder.encode("[");
    for (let start = 0; start < totalObjects; start += ROWS_PER_CHUNK) {
      const objects: string[] = [];
      for (let i = start; i < Math.min(start + ROWS_PER_CHUNK, totalObjects); i++) {
        objects.push(`{"external_id":"inv-${i}","provider":"aws","kind":"access_key","environments":["production"]}`);
      }
      state.chunks++;
      yield encoder.encode(`${start === 0 ? "" : ","}\n${objects.join(",\n")}`);
    }
    yield encoder.encode("\n]\n");
  }
  return { source, state };
}

describe("a 100 MB CSV streams", () => {
  const rowsIn100MB = 1_000_000; // ~112 bytes per row

  test("the first records arrive after reading one chunk of the 100 MB", async () => {
    const { source, state } = csvSource(rowsIn100MB);
    let seen = 0;
    for await (const item of parseLeashCsv(source())) {
      expect(item).toHaveProperty("record.external_id", `inv-${seen}`);
      if (++seen === 500) break;
    }
    expect(state.chunks).toBe(1);
    expect(state.bytes).toBeLessThan(200_000);
  });

  test("a long file is parsed completely, with correct line numbers to the end", async () => {
    const total = 20_000;
    const { source, state } = csvSource(total);
    let count = 0;
    let errors = 0;
    let lastLine = 0;
    for await (const item of parseLeashCsv(source())) {
      if (!("record" in item)) errors++;
      count++;
      lastLine = item.line;
    }
    expect(errors).toBe(0);
    expect(count).toBe(total);
    expect(lastLine).toBe(total + 1);
    expect(state.chunks).toBe(total / ROWS_PER_CHUNK);
  });
});

describe("a JSON array of 1M objects streams", () => {
  test("the first records arrive after reading one chunk of the million", async () => {
    const { source, state } = jsonSource(1_000_000);
    let seen = 0;
    for await (const item of parseLeashJson(source())) {
      expect(item).toHaveProperty("record.external_id", `inv-${seen}`);
      if (++seen === 500) break;
    }
    expect(state.chunks).toBe(1);
  });

  test("a long array is parsed completely, with duplicate detection across the whole file", async () => {
    const total = 20_000;
    const { source } = jsonSource(total);
    let count = 0;
    let lastId = "";
    for await (const item of parseLeashJson(source())) {
      if ("record" in item) lastId = item.record.external_id;
      count++;
    }
    expect(count).toBe(total);
    expect(lastId).toBe(`inv-${total - 1}`);
  });
});
