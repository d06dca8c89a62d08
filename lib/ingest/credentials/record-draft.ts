import { createHash } from "node:crypto";
import {
  CREDENTIAL_FIELDS,
  type CredentialFieldName,
  type CredentialFields,
  type CredentialRecord,
  credentialFieldSchemas,
  credentialRecordSchema,
} from "@/lib/domain/credential";
import { type FieldProblem, locationOf, locationText, rejectedRow, rowProblem, type RowError, type RowLocation } from "../row-error";
import type { ImportItem } from "./types";
import type { Parsed } from "./values";

/**
 * Collects one record's fields as an importer maps them, remembers which source column each came from (so a
 * validation failure names the column the user can fix), and every problem of the row: a row is rejected once,
 * naming each bad field. Every value set here has provenance `source`; fields never set stay "not stated".
 */
export class RecordDraft {
  private readonly fields: Partial<Record<CredentialFieldName, unknown>> = {};
  private readonly columns: Partial<Record<CredentialFieldName, string>> = {};
  private readonly problems: FieldProblem[] = [];
  private readonly at: RowLocation;

  /** `externalId` null: the row's id could not be read (its problem is recorded with `fail`); the rest is still checked. */
  constructor(
    at: RowLocation,
    readonly externalId: string | null,
  ) {
    this.at = locationOf(at);
  }

  get failed(): boolean {
    return this.problems.length > 0;
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
    this.problems.push(field ? { field, reason } : { reason });
    return this;
  }

  /**
   * The record, or the row's error naming every problem: a repeated id, those recorded, then each field the
   * domain's schemas refuse. With `duplicates`, the external id is registered even for a row that fails
   * otherwise, so a later row reusing it is still reported as the repeat.
   */
  finish(duplicates?: { seen: DuplicateIds; field: string }): ImportItem {
    const dup = this.externalId === null ? undefined : duplicates?.seen.check(this.externalId, this.at, duplicates.field);
    const checked = checkFields(this.externalId, this.fields);
    if (!dup && this.problems.length === 0 && "record" in checked) return { ...this.at, record: checked.record };
    const refused = "problems" in checked ? checked.problems.map((p) => ({ ...p, field: this.columns[p.field as CredentialFieldName] ?? p.field })) : [];
    const problems = [...(dup ? [{ field: dup.field, reason: dup.reason }] : []), ...this.problems, ...refused];
    return rejectedRow(this.at, rowProblem(problems));
  }
}

const externalIdSchema = credentialRecordSchema.shape.external_id;

/**
 * Values already accepted, per field: a file repeats its providers, kinds, teams, dates and tag lists thousands of
 * times, and a schema gives the same answer for the same value. Bounded, so memory does not grow with the file.
 */
const accepted = new Map<CredentialFieldName, Set<string>>();
const arraysAccepted = new Map<CredentialFieldName, Set<string>>();
const MAX_ACCEPTED_PER_FIELD = 4096;
const MAX_ACCEPTED_KEY = 256;

function isAccepted(field: CredentialFieldName, value: unknown): boolean {
  if (typeof value === "string") return accepted.get(field)?.has(value) === true;
  if (Array.isArray(value)) return arraysAccepted.get(field)?.has(JSON.stringify(value)) === true;
  return false; // booleans and stated nulls: checking is as cheap as remembering
}

function accept(field: CredentialFieldName, value: unknown): void {
  const [sets, key] =
    typeof value === "string" ? [accepted, value] : Array.isArray(value) ? [arraysAccepted, JSON.stringify(value)] : [undefined, ""];
  if (!sets || key.length > MAX_ACCEPTED_KEY) return;
  let seen = sets.get(field);
  if (!seen || seen.size >= MAX_ACCEPTED_PER_FIELD) sets.set(field, (seen = new Set()));
  seen.add(key);
}

/**
 * The record of credentialRecordSchema, validated field by field with the domain's own field schemas: the same
 * rules and messages (each failing field in schema order, as a whole-record parse reports them) without
 * re-checking, per row, what holds by construction: a draft states only record fields, each with provenance
 * `source`, and never a `mapped_by`. A null id is one already refused: the fields are still checked.
 */
function checkFields(
  externalId: string | null,
  fields: Partial<Record<CredentialFieldName, unknown>>,
): { record: CredentialRecord } | { problems: { field: string; reason: string }[] } {
  const problems: { field: string; reason: string }[] = [];
  const id = externalId === null ? null : externalIdSchema.safeParse(externalId);
  if (id && !id.success) problems.push({ field: "external_id", reason: id.error.issues[0]?.message ?? "invalid" });
  const record: Record<string, unknown> = { external_id: externalId };
  const provenance: Partial<Record<CredentialFieldName, "source">> = {};
  for (const field of CREDENTIAL_FIELDS) {
    const value = fields[field];
    if (value === undefined) continue;
    if (!isAccepted(field, value)) {
      const parsed = credentialFieldSchemas[field].safeParse(value);
      if (!parsed.success) {
        problems.push({ field, reason: parsed.error.issues[0]?.message ?? "invalid" });
        continue;
      }
      accept(field, value);
    }
    record[field] = value;
    provenance[field] = "source";
  }
  if (problems.length > 0 || externalId === null) return { problems };
  record.provenance = provenance;
  return { record: record as CredentialRecord };
}

/**
 * Remembers where every external id was seen in one file so a repeat is rejected with a pointer to the
 * first occurrence. This is the one structure that grows with the input (one short key per distinct id);
 * long ids are kept as a 128-bit digest to bound that cost.
 */
export class DuplicateIds {
  private readonly firstSeen = new Map<string, RowLocation>();

  /** An error for the later occurrence, or undefined the first time an id is seen. */
  check(externalId: string, at: RowLocation, field: string): RowError | undefined {
    const key =
      externalId.length <= 32 ? externalId : `\0${createHash("sha256").update(externalId).digest("base64").slice(0, 22)}`;
    const first = this.firstSeen.get(key);
    if (first !== undefined) return { ...locationOf(at), field, reason: `duplicate id: already used on ${locationText(first)}` };
    this.firstSeen.set(key, locationOf(at));
    return undefined;
  }
}

