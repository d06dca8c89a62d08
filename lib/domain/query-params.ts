import { z } from "zod";

/** Query-string booleans: "true"/"false" only, so a typo is an error instead of a silent false. */
export const boolParam = z.enum(["true", "false"]).transform((v) => v === "true");

/** A comma-separated query-string list of items (at most `max`). */
export const listParam = <T extends z.ZodType<string>>(item: T, max = 20) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(item).max(max));
