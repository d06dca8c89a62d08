/** Test-only helpers (not imported by library code). */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { seededRandom } from "../../domain/seeded-random";

/** Text as a byte stream cut into `chunkSize`-byte chunks, to exercise chunk boundaries. */
export async function* bytesOf(data: string | Uint8Array, chunkSize = 64 * 1024): AsyncGenerator<Uint8Array> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.slice(i, i + chunkSize);
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/**
 * An AWS-access-key-id-shaped fake, built at run time so no key-shaped literal is ever committed
 * (secret scanners would flag it, and rightly).
 */
export function fakeAccessKeyId(seed: number): string {
  const random = seededRandom(seed);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let body = "";
  for (let i = 0; i < 16; i++) body += alphabet[Math.floor(random() * alphabet.length)];
  return ["AS", "IA"].join("") + body;
}

/** Reads a fixture and replaces `{{KEY_n}}` placeholders with seeded fake access key ids. */
export function fixture(name: string): string {
  const text = readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), "utf8");
  return text.replace(/\{\{KEY_(\d+)\}\}/g, (_, n: string) => fakeAccessKeyId(Number(n)));
}

export const NOW = new Date("2026-11-25T12:00:00Z");
