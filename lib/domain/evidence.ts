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

export type EvidencePackageDto = {
  id: string;
  framework: string;
  scope: EvidenceScope;
  sha256: string;
  bytes: number;
  files: number;
  keyId: string;
  createdAt: string;
  createdBy: string;
};

