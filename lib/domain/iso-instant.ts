import { z } from "zod";

/**
 * An instant with its zone (`2026-11-01T00:00:00Z`, `…+02:00`), as every API field and query parameter of a time
 * takes it. zod's own "Invalid ISO datetime" leaves someone who sent a day (`2026-11-01`) guessing; a value left out
 * keeps zod's message, which reads as "is required" (zod-issue.ts).
 */
export const isoInstant = () =>
  z.iso.datetime({ offset: true, error: (issue) => (issue.input === undefined ? undefined : "must be an ISO 8601 instant with a time zone, such as 2026-11-01T00:00:00Z") });
