import "server-only";
import { z } from "zod";
import { notFound } from "./errors";

const uuid = z.uuid();

/** An id from a URL: anything that is not a UUID cannot name a row, so it is simply not found. */
export function parseId(value: string, what: string): string {
  if (!uuid.safeParse(value).success) throw notFound(what);
  return value;
}
