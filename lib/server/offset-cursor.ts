import "server-only";
import { AppError } from "./errors";

/**
 * An opaque page cursor for lists ordered by several keys at once (where a keyset cursor would need all of them):
 * the offset of the next page. A cursor that does not decode is the client's error, named as such.
 */
export function encodeOffset(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString("base64url");
}

export function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    const o = (JSON.parse(Buffer.from(cursor, "base64url").toString()) as { o?: unknown }).o;
    if (typeof o === "number" && Number.isInteger(o) && o >= 0) return o;
  } catch {
    // named below
  }
  throw new AppError("invalid", "Invalid cursor", { cursor: "not a cursor from this list" });
}
