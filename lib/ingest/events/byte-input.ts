import { createGunzip } from "node:zlib";
import { peekBytes } from "../peek";

/** Raised when input cannot be read at all (gzip bomb, corrupt archive); ends the stream. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/**
 * The bytes of an upload, gunzipped when they start with the gzip magic. Decompressed bytes are counted
 * as they stream, so a gzip bomb stops at `maxDecompressedBytes` instead of filling memory or disk.
 */
export async function* openInput(
  input: AsyncIterable<Uint8Array>,
  maxDecompressedBytes: number,
): AsyncGenerator<Uint8Array> {
  const { head, stream } = await peekBytes(input, 2);
  if (head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1) {
    yield* gunzipLimited(stream, maxDecompressedBytes);
  } else {
    yield* stream;
  }
}

async function* gunzipLimited(source: AsyncIterable<Uint8Array>, limit: number): AsyncGenerator<Uint8Array> {
  const gunzip = createGunzip();
  let failure: Error | undefined;
  // Feed the compressed bytes with backpressure; errors surface through the output iterator below.
  const pump = (async () => {
    try {
      for await (const chunk of source) {
        if (gunzip.destroyed) return;
        if (!gunzip.write(chunk)) await drainedOrClosed(gunzip);
      }
      gunzip.end();
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      gunzip.destroy(failure);
    }
  })();
  let total = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limit) {
        throw new InputError(`gzip input expands beyond the ${limit}-byte decompressed-size limit; stopped reading`);
      }
      yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (failure) throw failure;
    throw new InputError("gzip input is corrupt or truncated");
  } finally {
    // Not awaited: the pump may be waiting on a slow upload; it sees the destroyed stream and stops.
    gunzip.destroy();
    void pump;
  }
}

/** Waits for backpressure to clear, or for the stream to close (the reader may stop early; no drain follows). */
function drainedOrClosed(stream: NodeJS.WritableStream & NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
  });
}
