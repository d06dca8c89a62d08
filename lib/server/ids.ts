import "server-only";
import { z } from "zod";
import { notFound } from "./errors";

const uuid = z.uuid();

export function isUuid(value: string): boolean {
  return uuid.safeParse(value).success;
}

/** An id from a URL: anything that is not a UUID cannot name a row, so it is simply not found. */
export function parseId(value: string, what: string): string {
  if (!isUuid(value)) throw notFound(what);
  return value;
}

/**
 * A name or id from a path segment. Next.js hands route segments over decoded, but not on every router path, so a
 * segment is decoded once more only when it still decodes; a lone "%" (a name like "100% coverage") stays as is
 * rather than failing the request.
 */
export function pathSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
