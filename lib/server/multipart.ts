import "server-only";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { AppError } from "./errors";
import { uploadTooLarge } from "./upload-meter";

export type MultipartUpload = {
  fields: Record<string, string>;
  file: { name: string; stream: AsyncIterable<Uint8Array> };
};

/**
 * Streams a multipart upload: resolves once the file part begins, with the fields sent before it, and hands the
 * file on as a stream (never buffered whole). Fields must precede the file, as curl -F and FormData keep order.
 */
export function readMultipartUpload(request: Request, maxBytes: number): Promise<MultipartUpload> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data") || !request.body) {
    return Promise.reject(new AppError("invalid", "Send the file as multipart/form-data with a `file` part"));
  }
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    const parser = busboy({
      headers: { "content-type": type },
      limits: { files: 1, fields: 20, fieldSize: 10_000, fileSize: maxBytes + 1, parts: 25 },
    });
    let started = false;
    parser.on("field", (name, value) => {
      fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      if (name !== "file") {
        stream.resume();
        return;
      }
      started = true;
      resolve({ fields, file: { name: info.filename || "upload", stream } });
    });
    parser.on("error", (error) => reject(new AppError("invalid", `Malformed multipart body: ${(error as Error).message}`)));
    parser.on("close", () => {
      if (!started) reject(new AppError("invalid", "No `file` part in the upload", { file: "is required" }));
    });
    Readable.fromWeb(request.body as unknown as WebReadableStream<Uint8Array>).pipe(parser);
  });
}

/**
 * A request body as a byte stream (for JSON and NDJSON uploads), without buffering it. A body that declares a
 * length past `maxBytes` is refused before its first byte is read, so nothing of it is stored; one sent without a
 * length is cut off by the data layer's meter.
 */
export async function* requestBytes(request: Request, maxBytes: number): AsyncGenerator<Uint8Array> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw uploadTooLarge(maxBytes);
  if (!request.body) return;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

export function flag(value: string | null | undefined, name: string): boolean {
  if (value === undefined || value === null || value === "" || value === "false" || value === "0") return false;
  if (value === "true" || value === "1" || value === "on") return true;
  throw new AppError("invalid", `${name} must be true or false`, { [name]: "must be true or false" });
}
