import { createHash } from "node:crypto";
import {
  type CredentialFieldName,
  type CredentialFields,
  credentialRecordSchema,
} from "@/lib/domain/credential";
import type { RowError } from "../row-error";
import type { ImportItem } from "./types";
import type { Parsed } from "./values";

/**
 * Collects one record's fields as an importer maps them, remembers which source column each came from (so a
 * validation failure names the column the user can fix), and keeps the first error of the row.
 * Every value set here has provenance `source`; fields never set stay "not stated".
 */
export class RecordDraft {
  private readonly fields: Partial<Record<CredentialFieldName, unknown>> = {};
  private readonly columns: Partial<Record<CredentialFieldName, string>> = {};
  private firstError: RowError | undefined;

  constructor(
    readonly line: number,
    readonly externalId: string,
  ) {}

  get failed(): boolean {
    return this.firstError !== undefined;
  }

  /** The value stated so far for `field` (undefined when not stated). */
  get(field: CredentialFieldName): unknown {
    return this.fields[field];
  }

  /** States `field`; `undefined` leaves it not stated. `column` is the source column or JSON path. */
  set<K extends CredentialFieldName>(field: K, value: CredentialFields[K] | undefined, column: string): this {
    if (value !== undefined) {
      this.fields[field] = value;
      this.columns[field] = column;
    }
    return this;
  }

  /** Sets the value of a successful parse, or records its reason against `column`. */
  setParsed<K extends CredentialFieldName>(field: K, parsed: Parsed<CredentialFields[K] | undefined>, column: string): this {
    if (parsed.ok) return this.set(field, parsed.value, column);
    return this.fail(column, parsed.reason);
  }

  fail(field: string | undefined, reason: string): this {
    this.firstError ??= { line: this.line, ...(field ? { field } : {}), reason };
    return this;
  }

  /**
   * The record, or the row's first error. With `duplicates`, the external id is registered even for a row
   * that fails otherwise, so a later row reusing it is still reported as the repeat.
   */
  finish(duplicates?: { seen: DuplicateIds; field: string }): ImportItem {
    const dup = duplicates?.seen.check(this.externalId, this.line, duplicates.field);
    if (this.firstError) return { line: this.line, error: this.firstError };
    if (dup) return { line: this.line, error: dup };
    const provenance = Object.fromEntries(Object.keys(this.fields).map((f) => [f, "source"]));
    const parsed = credentialRecordSchema.safeParse({ external_id: this.externalId, ...this.fields, provenance });
    if (parsed.success) return { line: this.line, record: parsed.data };
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? "");
    const column = this.columns[key as CredentialFieldName] ?? key;
    const error: RowError = { line: this.line, reason: issue?.message ?? "invalid" };
    return { line: this.line, error: column ? { ...error, field: column } : error };
  }
}

/**
 * Remembers the line of every external id seen in one file so a repeat is rejected with a pointer to the
 * first occurrence. This is the one structure that grows with the input (one short key per distinct id);
 * long ids are kept as a 128-bit digest to bound that cost.
 */
export class DuplicateIds {
  private readonly firstLine = new Map<string, number>();

  /** An error for the later occurrence, or undefined the first time an id is seen. */
  check(externalId: string, line: number, field: string): RowError | undefined {
    const key =
      externalId.length <= 32 ? externalId : `\0${createHash("sha256").update(externalId).digest("base64").slice(0, 22)}`;
    const first = this.firstLine.get(key);
    if (first !== undefined) return { line, field, reason: `duplicate id: already used on line ${first}` };
    this.firstLine.set(key, line);
    return undefined;
  }
}

