import "server-only";
import { z } from "zod";
import type { JobKind } from "@/lib/domain/jobs";
import { evidenceRequestSchema } from "@/lib/domain/evidence";
import { ingestEvents } from "../activity-ingest";
import { evaluateCredential, runFullEvaluation } from "../evaluation";
import { parseInput } from "../errors";
import { buildEvidencePackage } from "../evidence";
import { importCredentials } from "../imports";
import { fillPostureHistory } from "../posture";
import { scanUploadedArchive } from "../scan-archive";
import type { Viewer } from "../viewer";
import type { JobRow } from "./store";

export type JobContext = {
  job: JobRow;
  /** The requester, re-read at run time: a job never does more than its requester may do now. */
  viewer: Viewer;
  /** The spooled upload, streamed (progress follows the bytes read). */
  upload: () => AsyncIterable<Uint8Array>;
  /** Names the step a job without an upload is on, with how many of its steps are done where it knows them. */
  phase: (name: string, steps?: { done: number; total: number }) => void;
};

// Each handler passes the job id as the id of what it records (import run, ingest run, scan run, package), so a
// job retried after a crash finds its own earlier result instead of doing the work twice.

const importInput = z.object({
  format: z.string(),
  source: z.string().optional(),
  fileName: z.string(),
  applyValid: z.boolean().optional(),
  fullSync: z.boolean().optional(),
  via: z.enum(["import", "api"]).optional(),
});
const ingestInput = z.object({
  format: z.string(),
  fileName: z.string(),
  options: z.object({ logLinePrefix: z.string().optional(), scope: z.object({ host: z.string().optional(), database: z.string().optional() }).optional() }).optional(),
});
const scanInput = z.object({ corpus: z.string(), fileName: z.string() });
// With a credential, only it and what reads it are re-evaluated (an incremental run): Leash asks for one when a
// token's use moves its credential's last use (tokens.ts).
const evaluationInput = z.object({ trigger: z.string(), historyDays: z.number().int().min(1).max(400).optional(), credentialId: z.uuid().optional() });

export const jobHandlers: Record<JobKind, (ctx: JobContext) => Promise<unknown>> = {
  import: ({ job, viewer, upload }) => importCredentials(viewer, { ...parseInput(importInput, job.input), input: upload(), runId: job.id }),
  ingest: ({ job, viewer, upload }) => ingestEvents(viewer, { ...parseInput(ingestInput, job.input), input: upload(), runId: job.id }),
  scan: ({ job, viewer, upload }) => {
    const input = parseInput(scanInput, job.input);
    return scanUploadedArchive(viewer, input.corpus, input.fileName, upload(), job.id);
  },
  evaluation: async ({ job, viewer, phase }) => {
    const input = parseInput(evaluationInput, job.input);
    if (input.credentialId) {
      phase("evaluating one credential");
      return evaluateCredential(viewer, input.credentialId, input.trigger);
    }
    phase("evaluating every subject");
    const run = await runFullEvaluation(viewer, input.trigger);
    // Scheduled runs also keep the daily posture history filled, off the web processes' hands.
    if (input.historyDays) {
      phase("filling the posture history");
      await fillPostureHistory(input.historyDays);
    }
    return run;
  },
  evidence: ({ job, viewer, phase }) => buildEvidencePackage(viewer, parseInput(evidenceRequestSchema, job.input), job.id, phase),
};
