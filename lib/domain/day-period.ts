import type { z } from "zod";

/**
 * An optional period of UTC days (`from`, `to`): both ends or neither, in order. Each problem is reported once, on
 * `to`: the API keeps one message per field, so a second check failing on the same field would replace the first.
 */
export function withDayPeriod<T extends z.ZodType<{ from?: string; to?: string }>>(schema: T): T {
  return schema
    .refine((v) => (v.from === undefined) === (v.to === undefined), { message: "from and to go together", path: ["to"] })
    .refine((v) => v.from === undefined || v.to === undefined || v.from <= v.to, { message: "must not be before the first day", path: ["to"] });
}
