import { z } from "zod";
import type { EvidenceScope } from "@/lib/evidence/model";

/** What an evidence build asks for and what a built package is, as the API, CLI and pages exchange them. */

export const evidenceRequestSchema = z
  .object({
    framework: z.string().min(1).max(40),
    asOf: z.iso.datetime({ offset: true }).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  })
  .refine((v) => !(v.asOf && (v.from || v.to)), { message: "give either asOf or a period from/to, not both", path: ["asOf"] })
  .refine((v) => (v.from === undefined) === (v.to === undefined), { message: "from and to go together", path: ["to"] })
  .refine((v) => v.from === undefined || v.to === undefined || v.from <= v.to, { message: "must not be before the first day", path: ["to"] });
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

