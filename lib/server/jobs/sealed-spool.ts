import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync } from "node:crypto";
import { AppError } from "../errors";
import { meterUpload } from "../upload-meter";
import type { UploadSpool } from "./uploads";

/**
 * An upload waiting for its worker may hold secret values (a credential import that carries them to be
 * fingerprinted), so it is stored encrypted: AES-256-GCM under a key derived per job from the instance key, in
 * records of [length][ciphertext][tag]. The nonce is the record's index and the last record is marked, so records
 * cannot be reordered, dropped, cut short or moved to another job without the read failing.
 */

const LENGTH_BYTES = 4;
const TAG_BYTES = 16;
/** Input chunks are gathered up to this size before sealing, so small network chunks do not cost a record each. */
const RECORD_BYTES = 1_048_576;

function jobKey(instanceKey: string, jobId: string): Buffer {
  return Buffer.from(hkdfSync("sha256", instanceKey, jobId, "leash job upload v1", 32));
}

function nonce(index: number): Buffer {
  const iv = Buffer.alloc(12);
  iv.writeUIntBE(index, 6, 6);
  return iv;
}

const additionalData = (last: boolean) => Buffer.from(last ? "last" : "more");

function seal(key: Buffer, index: number, plain: Buffer, last: boolean): Buffer {
  const cipher = createCipheriv("aes-256-gcm", key, nonce(index));
  cipher.setAAD(additionalData(last));
  const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32BE(body.byteLength);
  return Buffer.concat([length, body]);
}

function open(key: Buffer, index: number, body: Buffer, last: boolean): Buffer | null {
  const decipher = createDecipheriv("aes-256-gcm", key, nonce(index));
  decipher.setAAD(additionalData(last));
  decipher.setAuthTag(body.subarray(body.byteLength - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, body.byteLength - TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}

const unreadable = () => new AppError("invalid", "This job's stored upload cannot be read back (changed, cut short, or sealed under another instance key): send the file again");

/** Cuts the input into records of RECORD_BYTES (the last one shorter, maybe empty) and seals each. */
async function* sealed(key: Buffer, input: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let index = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of input) {
    pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    pendingBytes += chunk.byteLength;
    if (pendingBytes <= RECORD_BYTES) continue;
    // Seal whole records and keep the rest: the last record must be sealed as the last, so one always stays back.
    let gathered = Buffer.concat(pending, pendingBytes);
    while (gathered.byteLength > RECORD_BYTES) {
      yield seal(key, index++, gathered.subarray(0, RECORD_BYTES), false);
      gathered = gathered.subarray(RECORD_BYTES);
    }
    pending = [gathered];
    pendingBytes = gathered.byteLength;
  }
  yield seal(key, index, Buffer.concat(pending, pendingBytes), true);
}

/** Reads records back across however the inner store chunked them; only a complete, untouched upload comes out. */
async function* opened(key: Buffer, input: AsyncIterable<Uint8Array>, onBytes?: (read: number) => void): AsyncGenerator<Uint8Array> {
  let buffered = Buffer.alloc(0);
  let index = 0;
  let read = 0;
  let sawLast = false;
  const iterator = input[Symbol.asyncIterator]();
  let done = false;
  const fill = async (bytes: number) => {
    while (!done && buffered.byteLength < bytes) {
      const next = await iterator.next();
      if (next.done) done = true;
      else buffered = Buffer.concat([buffered, next.value]);
    }
  };
  while (!sawLast) {
    await fill(LENGTH_BYTES);
    if (buffered.byteLength < LENGTH_BYTES) throw unreadable();
    const length = buffered.readUInt32BE(0);
    if (length < TAG_BYTES || length > RECORD_BYTES + TAG_BYTES) throw unreadable();
    await fill(LENGTH_BYTES + length);
    if (buffered.byteLength < LENGTH_BYTES + length) throw unreadable();
    const body = buffered.subarray(LENGTH_BYTES, LENGTH_BYTES + length);
    buffered = buffered.subarray(LENGTH_BYTES + length);
    // The last record is the one followed by nothing; it must also have been sealed as the last.
    await fill(1);
    sawLast = buffered.byteLength === 0 && done;
    const plain = open(key, index++, body, sawLast);
    if (!plain) throw unreadable();
    read += plain.byteLength;
    onBytes?.(read);
    if (plain.byteLength) yield new Uint8Array(plain.buffer, plain.byteOffset, plain.byteLength);
  }
}

/** `inner` with every upload encrypted at rest under a key derived from `instanceKey` and the job id. */
export function sealedSpool(inner: UploadSpool, instanceKey: () => string): UploadSpool {
  return {
    async write(jobId, input, maxBytes) {
      // The limit is on what was sent, not on its sealed form.
      const metered = meterUpload(input, maxBytes);
      await inner.write(jobId, sealed(jobKey(instanceKey(), jobId), metered.stream), Number.POSITIVE_INFINITY);
      return metered.state.bytes;
    },
    read(jobId, onBytes) {
      return opened(jobKey(instanceKey(), jobId), inner.read(jobId), onBytes);
    },
    remove: (jobId) => inner.remove(jobId),
  };
}
