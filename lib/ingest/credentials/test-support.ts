import type { CredentialRecord } from "@/lib/domain/credential";
import { seededRandom } from "@/lib/domain/seeded-random";
import type { RowError } from "../row-error";
import type { ImportItem } from "./types";

/**
 * Test helpers (not a test file). Inputs are cut into small odd-sized chunks so every test also exercises
 * chunk boundaries inside BOMs, multi-byte characters, quoted cells and JSON strings.
 */
export async function* bytesOf(input: string | Uint8Array, chunkSize = 7): AsyncGenerator<Uint8Array> {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.slice(i, i + chunkSize);
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export function recordsOf(items: ImportItem[]): CredentialRecord[] {
  return items.flatMap((i) => ("record" in i ? [i.record] : []));
}

export function errorsOf(items: ImportItem[]): RowError[] {
  return items.flatMap((i) => ("error" in i ? [i.error] : []));
}

/**
 * Deterministic fake secret (mulberry32 PRNG): fixtures never commit anything a secret scanner would flag,
 * and a failing test prints the same value on every run.
 */
export function seededSecret(seed: number, length = 40): string {
  const next = seededRandom(seed);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
}
