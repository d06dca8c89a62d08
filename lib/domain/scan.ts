import { z } from "zod";
import { isoInstant } from "./iso-instant";
import { safeName } from "./safe-name";

export const corpusKinds = ["git_repo", "docs_export", "chat_export", "file_tree"] as const;

export const corpusCreateSchema = z.object({
  name: safeName(z.string().trim().min(1, "is required").max(120)),
  kind: z.enum(corpusKinds),
  agentReadable: z.boolean(),
  readers: z.array(z.string().trim().min(1).max(80)).max(20).default([]),
  teamId: z.uuid().nullable().optional(),
});
export type CorpusCreateInput = z.input<typeof corpusCreateSchema>;

export const corpusUpdateSchema = corpusCreateSchema.partial().refine((v) => Object.keys(v).length > 0, { message: "nothing to change" });
export type CorpusUpdateInput = z.input<typeof corpusUpdateSchema>;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex characters");

/**
 * One finding as `leash scan --format json` prints it. Deliberately has no field that could carry the secret:
 * unknown keys are rejected, and the preview must look redacted.
 */
export const uploadedFindingSchema = z.strictObject({
  file: z.string().min(1).max(2000),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  detector: z.string().min(1).max(100),
  kind: z.string().min(1).max(40),
  provider: z.string().min(1).max(80),
  title: z.string().min(1).max(200),
  confidence: z.enum(["high", "medium", "low"]),
  severity: z.enum(["critical", "high", "medium", "low"]),
  entropy: z.number().min(0).max(64),
  preview: z.string().max(120).refine((p) => p.includes("…") || p.includes("..."), "must be a redacted preview"),
  fingerprint: hex64,
  publicId: z.string().max(200).optional(),
  context: z.record(z.string(), z.union([z.string().max(500), z.number()])).optional(),
  details: z.record(z.string(), z.union([z.string().max(500), z.number(), z.boolean()])).optional(),
  allowed: z.boolean().optional(),
  allowReason: z.string().max(500).optional(),
  inTestPath: z.boolean().optional(),
});
export type UploadedFinding = z.infer<typeof uploadedFindingSchema>;

export const scanUploadSchema = z.object({
  scannerVersion: z.string().min(1).max(40),
  /** HMAC of a fixed string under the key the fingerprints were made with; must equal the server's. */
  keyCheck: hex64,
  startedAt: isoInstant(),
  stats: z.object({ files: z.number().int().min(0), bytes: z.number().int().min(0) }),
  findings: z.array(uploadedFindingSchema).max(100_000),
});
export type ScanUpload = z.infer<typeof scanUploadSchema>;

export const scanRunQuerySchema = z.object({ corpusId: z.uuid().optional() });

export const secretFindingQuerySchema = z.object({
  corpusId: z.uuid().optional(),
  kind: z.string().max(40).optional(),
  agentReadable: z.enum(["true", "false"]).optional(),
  matched: z.enum(["true", "false"]).optional(),
  status: z.enum(["open", "resolved", "all"]).default("open"),
  credentialId: z.uuid().optional(),
  /** A scan run's id: the exposures it saw (its Secrets count), opened (Newly open) or resolved (Resolved). */
  seenByScan: z.uuid().optional(),
  openedByScan: z.uuid().optional(),
  resolvedByScan: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type SecretFindingQuery = z.input<typeof secretFindingQuerySchema>;

export type CorpusDto = {
  id: string;
  name: string;
  kind: (typeof corpusKinds)[number];
  agentReadable: boolean;
  readers: string[];
  team: { id: string; name: string } | null;
  createdAt: string;
  lastScanAt: string | null;
  openFindings: number;
};

/** What a scan did to an exposure (scan_run_findings): a run's Secrets are the seen and opened, Newly open the opened. */
export const SCAN_OUTCOMES = ["seen", "opened", "resolved"] as const;
export type ScanOutcome = (typeof SCAN_OUTCOMES)[number];

export type ScanRunDto = {
  id: string;
  corpus: { id: string; name: string };
  status: "completed" | "failed";
  origin: "upload" | "cli";
  scannerVersion: string;
  startedAt: string;
  finishedAt: string;
  files: number;
  bytes: number;
  findings: number;
  opened: number;
  resolved: number;
  /** False for runs recorded before Leash kept which exposures each run saw, opened and resolved: their counts list nothing. */
  outcomesRecorded: boolean;
  failure: string | null;
  requestedBy: string;
};

/**
 * A run as listed. An engineer's list leaves the secret counts out (null) for corpora their teams do not own: such a
 * run counts the secrets of every team, and the counts cannot be split by team after the fact.
 */
export type ListedScanRunDto = Omit<ScanRunDto, "findings" | "opened" | "resolved"> & { findings: number | null; opened: number | null; resolved: number | null };

export type SecretLocationDto = { file: string; line: number; column: number; context: Record<string, string | number>; inTestPath: boolean };

export type SecretFindingDto = {
  id: string;
  corpus: { id: string; name: string; agentReadable: boolean; readers: string[] };
  detector: string;
  kind: string;
  provider: string;
  title: string;
  confidence: string;
  severity: string;
  preview: string;
  fingerprint: string;
  publicId: string | null;
  credential: { id: string; name: string | null } | null;
  allowed: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  locations: SecretLocationDto[];
};
