import { z } from "zod";
import type { EvidenceScope } from "@/lib/evidence/model";
import { withDayPeriod } from "./day-period";
import { isoInstant } from "./iso-instant";
import { periodDay } from "./period-day";

/** What an evidence build asks for and what a built package is, as the API, CLI and pages exchange them. */

export const evidenceRequestSchema = withDayPeriod(
  z
    .object({
      framework: z.string().min(1).max(40),
      asOf: isoInstant().optional(),
      from: periodDay().optional(),
      to: periodDay().optional(),
    })
    .refine((v) => !(v.asOf && (v.from || v.to)), { message: "give either asOf or a period from/to, not both", path: ["asOf"] }),
);
export type EvidenceRequest = z.input<typeof evidenceRequestSchema>;

const evidenceScopeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("as_of"), asOf: z.string() }),
  z.object({ kind: z.literal("period"), from: z.string(), to: z.string() }),
]);

/** A built package as listed: who built it when, for what, and the SHA-256 of the bytes every download returns. */
export const evidencePackageDtoSchema = z.object({
  id: z.uuid(),
  framework: z.string(),
  scope: evidenceScopeSchema,
  sha256: z.string(),
  bytes: z.number(),
  files: z.number(),
  keyId: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type EvidencePackageDto = z.infer<typeof evidencePackageDtoSchema> & { scope: EvidenceScope };

/** Keyset pages of packages, newest first; `cursor` is the last package id of the page before. */
export const evidenceListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.uuid({ error: "is not a cursor from this list" }).optional(),
});
export type EvidenceListQuery = z.input<typeof evidenceListQuerySchema>;

export const evidencePageSchema = z.object({
  packages: z.array(evidencePackageDtoSchema),
  nextCursor: z.string().nullable().describe("pass as `cursor` for the next page; null on the last"),
});
export type EvidencePage = { packages: EvidencePackageDto[]; nextCursor: string | null };
