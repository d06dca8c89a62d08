import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json";

/** The fields of an audit entry that the hash covers: everything but its position and its own hash. */
export type ChainedFields = {
  at: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  ip: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
};

/** hash = sha256(prev_hash ‖ canonical JSON of the entry); the first entry chains from the empty string. */
export function chainHash(prevHash: string | null, entry: ChainedFields): string {
  // Name the fields one by one: rows read back carry seq and hashes, which must not enter their own hash.
  const body = canonicalJson({
    at: entry.at.toISOString(),
    actorType: entry.actorType,
    actorId: entry.actorId,
    actorLabel: entry.actorLabel,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    outcome: entry.outcome,
    ip: entry.ip,
    requestId: entry.requestId,
    details: entry.details,
  });
  return createHash("sha256")
    .update(prevHash ?? "")
    .update(body)
    .digest("hex");
}

export type ChainRow = ChainedFields & { seq: number; prevHash: string | null; hash: string };

export type ChainVerdict =
  | { ok: true; entries: number; lastHash: string | null }
  | { ok: false; entries: number; brokenAt: number; reason: string };

/**
 * Walks entries in order and names the first one whose link or content does not check out. `state` carries the
 * previous hash across batches so the walk streams.
 */
export function verifyChainBatch(
  rows: ChainRow[],
  state: { prevHash: string | null; entries: number },
): { brokenAt: number; reason: string } | null {
  for (const row of rows) {
    if (row.prevHash !== state.prevHash) {
      return { brokenAt: row.seq, reason: "prev_hash does not match the previous entry (an entry was removed or reordered)" };
    }
    if (chainHash(row.prevHash, row) !== row.hash) {
      return { brokenAt: row.seq, reason: "content does not match its hash (the entry was altered)" };
    }
    state.prevHash = row.hash;
    state.entries++;
  }
  return null;
}
