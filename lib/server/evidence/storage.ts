import "server-only";
import { createReadStream } from "node:fs";
import { and, eq } from "drizzle-orm";
import { evidencePackageChunks } from "@/db/schema";
import { db } from "../db";
import type { Tx } from "../inventory-writer";

/**
 * A package's zip kept as chunks in the database, so it is backed up with everything else and any process can serve
 * it, yet never held whole in memory: written from the built file and read back one chunk at a time.
 */

export const STORED_CHUNK_BYTES = 4 << 20;

/** Stores the file as the package's chunks, inside the caller's transaction (with the package row). */
export async function storePackageFile(tx: Tx, packageId: string, file: string, chunkBytes = STORED_CHUNK_BYTES): Promise<number> {
  let seq = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: chunkBytes })) {
    await tx.insert(evidencePackageChunks).values({ packageId, seq: seq++, content: chunk as Buffer });
  }
  return seq;
}

/** The stored bytes, chunk by chunk in order. */
export async function* storedPackageChunks(packageId: string): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const [chunk] = await db()
      .select({ content: evidencePackageChunks.content })
      .from(evidencePackageChunks)
      .where(and(eq(evidencePackageChunks.packageId, packageId), eq(evidencePackageChunks.seq, seq)));
    if (!chunk) return;
    yield Buffer.from(chunk.content);
  }
}
