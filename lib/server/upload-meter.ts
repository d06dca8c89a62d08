import "server-only";
import { createHash, type Hash } from "node:crypto";
import { tooLarge } from "./errors";

export type MeteredUpload = {
  /** The bytes, passed through unchanged; reading past `maxBytes` throws a too_large AppError naming the limit. */
  stream: AsyncGenerator<Uint8Array>;
  /** Bytes read so far and their running SHA-256 (the run report's file hash). */
  state: { bytes: number; hash: Hash };
};

export const uploadTooLarge = (maxBytes: number) => tooLarge(`Upload is larger than the upload limit of ${Math.round(maxBytes / 1_048_576)} MB`);

/** Counts, hashes and caps an upload as it streams past, so no upload is ever buffered to be measured. */
export function meterUpload(input: AsyncIterable<Uint8Array>, maxBytes: number): MeteredUpload {
  const state = { bytes: 0, hash: createHash("sha256") };
  async function* stream() {
    for await (const chunk of input) {
      state.bytes += chunk.byteLength;
      if (state.bytes > maxBytes) throw uploadTooLarge(maxBytes);
      state.hash.update(chunk);
      yield chunk;
    }
  }
  return { state, stream: stream() };
}
