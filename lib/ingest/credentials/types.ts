import type { CredentialRecord } from "@/lib/domain/credential";
import type { RowError, RowLocation } from "../row-error";

/** One parsed input item: a record ready for the inventory, or why this row was rejected. */
export type ImportItem = RowLocation & ({ record: CredentialRecord } | { error: RowError });

export type ImportOptions = {
  /**
   * Instance key for fingerprints (HMAC-SHA-256). Formats that may carry a secret (Leash CSV/JSON `secret`,
   * Vault `data.id`) use it only to compute `fingerprint`; without it a secret value is rejected, not stored.
   */
  fingerprintKey?: Uint8Array | string;
  /** Upper bound for one CSV record or JSON element, so a broken quote cannot make memory grow with the file. */
  maxRecordChars?: number;
};

export const DEFAULT_MAX_RECORD_CHARS = 1 << 20;

/**
 * A streaming importer: bytes in (a Node Readable is an AsyncIterable<Uint8Array>), items out, one at a time.
 * Memory stays bounded by the largest record, except duplicate detection, which keeps one short key per
 * distinct external id.
 */
export type CredentialImporter = {
  format: string;
  description: string;
  /** File extensions (with dot) and media types the upload form and API accept for this format. */
  fileTypes: readonly string[];
  parse(input: AsyncIterable<Uint8Array>, options?: ImportOptions): AsyncGenerator<ImportItem>;
};
