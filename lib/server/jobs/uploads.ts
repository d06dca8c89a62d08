import "server-only";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { and, eq } from "drizzle-orm";
import { jobUploads } from "@/db/schema";
import { db } from "../db";
import { AppError } from "../errors";
import { meterUpload } from "../upload-meter";

/**
 * Where a job's upload waits for its worker. Both stores stream: memory never holds more than one chunk, and the
 * size limit is checked as the bytes arrive.
 */
export interface UploadSpool {
  /** Stores the upload; returns its size. Throws (leaving nothing) past `maxBytes` or when the stream breaks. */
  write(jobId: string, input: AsyncIterable<Uint8Array>, maxBytes: number): Promise<number>;
  /** The stored upload; `onBytes` follows how far the reader has got. */
  read(jobId: string, onBytes?: (read: number) => void): AsyncIterable<Uint8Array>;
  remove(jobId: string): Promise<void>;
}

/** Chunks of this size, one row each, read back one at a time. */
const CHUNK_BYTES = 1_048_576;

/**
 * On Postgres, in the database: a worker on any machine can read it, and reading uses its own pooled connection,
 * so a handler may read while its transaction is open.
 */
export const databaseSpool: UploadSpool = {
  async write(jobId, input, maxBytes) {
    const metered = meterUpload(input, maxBytes);
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      await db().insert(jobUploads).values({ jobId, seq: seq++, bytes: Buffer.concat(pending, pendingBytes) });
      pending = [];
      pendingBytes = 0;
    };
    try {
      for await (const chunk of metered.stream) {
        pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        pendingBytes += chunk.byteLength;
        if (pendingBytes >= CHUNK_BYTES) await flush();
      }
      if (pendingBytes > 0) await flush();
    } catch (error) {
      await this.remove(jobId);
      throw error;
    }
    return metered.state.bytes;
  },
  async *read(jobId, onBytes) {
    let read = 0;
    for (let seq = 0; ; seq++) {
      const [chunk] = await db()
        .select({ bytes: jobUploads.bytes })
        .from(jobUploads)
        .where(and(eq(jobUploads.jobId, jobId), eq(jobUploads.seq, seq)));
      if (!chunk) return;
      read += chunk.bytes.byteLength;
      onBytes?.(read);
      yield new Uint8Array(chunk.bytes);
    }
  },
  async remove(jobId) {
    await db().delete(jobUploads).where(eq(jobUploads.jobId, jobId));
  },
};

/**
 * On the embedded database, in files beside it: the one process that owns the database runs every job, and a
 * handler streaming its upload from the database inside its own transaction would wait on itself (PGlite has one
 * connection).
 */
export function folderSpool(folder: string): UploadSpool {
  const file = (jobId: string) => path.join(folder, `${jobId}.upload`);
  return {
    async write(jobId, input, maxBytes) {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const metered = meterUpload(input, maxBytes);
      try {
        await pipeline(Readable.from(metered.stream), createWriteStream(file(jobId), { mode: 0o600 }));
      } catch (error) {
        await this.remove(jobId);
        throw error;
      }
      return metered.state.bytes;
    },
    async *read(jobId, onBytes) {
      const exists = await stat(file(jobId)).catch(() => null);
      if (!exists) throw new AppError("invalid", "This job's upload is no longer stored: send the file again");
      let read = 0;
      for await (const chunk of createReadStream(file(jobId), { highWaterMark: CHUNK_BYTES })) {
        read += (chunk as Buffer).byteLength;
        onBytes?.(read);
        yield new Uint8Array(chunk as Buffer);
      }
    },
    async remove(jobId) {
      await rm(file(jobId), { force: true });
    },
  };
}
