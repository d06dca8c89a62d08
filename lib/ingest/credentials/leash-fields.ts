import type { CredentialFieldName, CredentialFields } from "@/lib/domain/credential";
import { fingerprintSecret } from "@/lib/scanner/fingerprint";
import type { RowLocation } from "../row-error";
import { formulaInjectionReason } from "./csv-cell";
import { LEASH_COLUMNS, type LeashColumn } from "./leash-columns";
import { type DuplicateIds, RecordDraft } from "./record-draft";
import type { ImportItem, ImportOptions } from "./types";
import { type Parsed, normalizeProvider, parseBoolean, parseDate, parseEnum, parseList } from "./values";

/**
 * Column → field conversion shared by Leash CSV and Leash JSON, so one record is accepted or rejected alike in
 * either format. `undefined` means "not stated"; `null` is only produced where it has a stated meaning
 * (`never` dates, `*` = unrestricted operations).
 */

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const no = (reason: string): Parsed<never> => ({ ok: false, reason });

function textValue(col: LeashColumn, text: string): Parsed<unknown> {
  const formula = formulaInjectionReason(text);
  if (formula) return no(formula);
  return ok(col.name === "provider" ? normalizeProvider(text) : text);
}

/** Duplicates are kept once, in first-seen order, compared as normalized (`Production` repeats `production`). */
function listValue(col: LeashColumn, items: string[]): Parsed<unknown> {
  const unique = (values: string[]) => ok([...new Set(values)]);
  if (col.type === "operations") {
    if (items.length === 1 && items[0] === "*") return ok(null);
    if (items.length === 1 && items[0]?.toLowerCase() === "none") return ok([]);
    return unique(items.map((i) => i.toLowerCase()));
  }
  if (col.type === "enum_list") {
    const values = items.map((i) => parseEnum(col.allowed ?? [], i));
    const bad = values.find((v) => !v.ok);
    return bad ?? unique(values.map((v) => (v.ok ? v.value : "")));
  }
  for (const item of items) {
    const formula = formulaInjectionReason(item);
    if (formula) return no(`an item ${formula}`);
  }
  return unique(items);
}

/** Converts one CSV cell; an empty cell is "not stated". */
export function csvCellValue(col: LeashColumn, cell: string): Parsed<unknown> {
  const text = cell.trim();
  if (text === "") return ok(undefined);
  switch (col.type) {
    case "text":
    case "email":
      return textValue(col, text);
    case "enum":
      return parseEnum(col.allowed ?? [], text);
    case "enum_list":
    case "list":
    case "operations":
      return listValue(col, parseList(text));
    case "boolean":
      return parseBoolean(text);
    case "date":
      return parseDate(text);
    case "date_or_never":
      return text.toLowerCase() === "never" ? ok(null) : parseDate(text);
    case "hex":
      return ok(text.toLowerCase());
    case "secret":
      return ok(undefined); // never a field value; handled by applySecret
  }
}

/** Converts one JSON value; absent (and null, where null has no stated meaning) is "not stated". */
export function jsonFieldValue(col: LeashColumn, value: unknown): Parsed<unknown> {
  if (value === undefined) return ok(undefined);
  if (value === null) return ok(col.type === "date_or_never" || col.type === "operations" ? null : undefined);
  if (col.type === "boolean") return typeof value === "boolean" ? ok(value) : no("expected true or false");
  if (col.type === "enum_list" || col.type === "list" || col.type === "operations") {
    if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) return no("expected an array of strings");
    return listValue(col, value.map((v) => v.trim()).filter((v) => v !== ""));
  }
  if (typeof value !== "string") return no("expected a string");
  return csvCellValue(col, value);
}

/**
 * Fingerprints a carried secret and forgets it. Without an instance key the row is rejected rather than
 * imported without the fingerprint the user meant to register.
 */
function applySecret(draft: RecordDraft, secret: string | undefined, options: ImportOptions): void {
  if (secret === undefined || secret === "") return;
  if (options.fingerprintKey === undefined) {
    draft.fail("secret", "a secret can only be imported with the instance fingerprint key; the value was discarded");
    return;
  }
  const fingerprint = fingerprintSecret(secret, options.fingerprintKey);
  const stated = draft.get("fingerprint");
  if (stated !== undefined && stated !== fingerprint) {
    draft.fail("fingerprint", "does not match the fingerprint of the secret column");
    return;
  }
  draft.set("fingerprint", fingerprint, "secret");
}

export type LeashRow = RowLocation & {
  /** The converted value of every column present in the input. */
  value: (col: LeashColumn) => Parsed<unknown>;
  secret: string | undefined;
};

export function leashRecord(row: LeashRow, options: ImportOptions, seen: DuplicateIds): ImportItem {
  const idColumn = LEASH_COLUMNS[0] as LeashColumn;
  const id = row.value(idColumn);
  const readable = id.ok && typeof id.value === "string";
  // A row without a readable id is still read through, so its error names every other bad column too.
  const draft = new RecordDraft(row, readable ? (id.value as string) : null);
  if (!readable) draft.fail("external_id", id.ok ? "required: a stable id for this credential" : id.reason);
  for (const col of LEASH_COLUMNS) {
    if (col.type === "secret" || col.field === "external_id") continue;
    const parsed = row.value(col);
    if (!parsed.ok) draft.fail(col.name, parsed.reason);
    else if (parsed.value === undefined && col.required) draft.fail(col.name, "required");
    else draft.set(col.field, parsed.value as CredentialFields[CredentialFieldName], col.name);
  }
  applySecret(draft, row.secret, options);
  return draft.finish({ seen, field: "external_id" });
}
