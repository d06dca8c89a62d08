import { credentialReportCsv } from "./aws-cli-output";
import { formulaInjectionReason } from "./csv-cell";
import { readCsvTable } from "./csv-table";
import { DuplicateIds, RecordDraft } from "./record-draft";
import { type CredentialImporter, DEFAULT_MAX_RECORD_CHARS, type ImportItem, type ImportOptions } from "./types";
import { type Parsed, parseBoolean, parseDate } from "./values";

/**
 * AWS IAM credential report (`aws iam get-credential-report`: the decoded CSV, or the CLI's output as printed,
 * see aws-cli-output.ts): one row per IAM user plus
 * `<root_account>`, with two access-key slots each. Each slot holding a key becomes one credential: active
 * keys, and inactive keys that still exist (a last-rotated date). The report has no access key ids, so a
 * credential is the (user ARN, slot) pair; rotating the key updates that credential.
 *
 * Left not stated (the report cannot know): principal_type, owner, team, environments, agent_accessible,
 * allowed_operations, scopes, created_at (last_rotated is "created or last changed"), expiry (IAM access keys
 * have none, but a policy may still deny them), storage, public_id.
 */

const SLOTS = [1, 2] as const;
const SLOT_COLUMNS = ["active", "last_rotated", "last_used_date"];
const REQUIRED = ["user", "arn", ...SLOTS.flatMap((n) => SLOT_COLUMNS.map((c) => `access_key_${n}_${c}`))];
const ROOT_USER = "<root_account>";
const IAM_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):(root|user\/.+)$/;

/** `N/A` is the report's "does not apply" (no key; never used). */
function dateOrNa(text: string): Parsed<string | null> {
  return text.trim().toUpperCase() === "N/A" ? { ok: true, value: null } : parseDate(text);
}

type Row = { line: number; values: Map<string, string> };
type Who = { user: string; arn: string; account: string };

function slotItem(row: Row, n: 1 | 2, who: Who, seen: DuplicateIds): ImportItem | undefined {
  const get = (c: string) => row.values.get(c) ?? "";
  const col = (suffix: string) => `access_key_${n}_${suffix}`;
  const active = parseBoolean(get(col("active")));
  const rotated = dateOrNa(get(col("last_rotated")));
  if (!active.ok) return { line: row.line, error: { line: row.line, field: col("active"), reason: active.reason } };
  if (!rotated.ok) return { line: row.line, error: { line: row.line, field: col("last_rotated"), reason: rotated.reason } };
  if (!active.value && rotated.value === null) return undefined; // empty slot: no key to inventory
  const draft = new RecordDraft(row, `${who.arn}#access_key_${n}`)
    .set("provider", "aws", "arn")
    .set("kind", "access_key", col("active"))
    .set("name", `${who.user} access key ${n}`, "user")
    .set("principal", who.user, "user")
    .set("account", who.account, "arn")
    .set("status", active.value ? "active" : "disabled", col("active"))
    .set("last_rotated_at", rotated.value ?? undefined, col("last_rotated"))
    .setParsed("last_used_at", dateOrNa(get(col("last_used_date"))), col("last_used_date"));
  if (who.user === ROOT_USER) draft.set("tags", ["root-account"], "user");
  return draft.finish({ seen, field: "arn" });
}

function rowItems(row: Row, seen: DuplicateIds): ImportItem[] {
  const user = (row.values.get("user") ?? "").trim();
  const arn = (row.values.get("arn") ?? "").trim();
  const fail = (field: string, reason: string): ImportItem[] => [
    { line: row.line, error: { line: row.line, field, reason } },
  ];
  if (user === "") return fail("user", "required");
  const formula = user === ROOT_USER ? undefined : formulaInjectionReason(user);
  if (formula) return fail("user", formula);
  const match = IAM_ARN.exec(arn);
  if (!match) return fail("arn", "expected an IAM user or root ARN (arn:aws:iam::<12-digit account>:user/<name>)");
  const who = { user, arn, account: match[1] as string };
  return SLOTS.flatMap((n) => slotItem(row, n, who, seen) ?? []);
}

export async function* parseAwsCredentialReport(
  input: AsyncIterable<Uint8Array>,
  options: ImportOptions = {},
): AsyncGenerator<ImportItem> {
  const seen = new DuplicateIds();
  const maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  const source = await credentialReportCsv(input);
  if ("error" in source) {
    yield { line: source.error.line, error: source.error };
    return;
  }
  const table = readCsvTable(source.csv, { required: REQUIRED, maxRecordChars });
  for await (const row of table) {
    if ("error" in row) yield { line: row.line, error: row.error };
    else yield* rowItems(row, seen);
  }
}

export const awsCredentialReportImporter: CredentialImporter = {
  format: "aws-credential-report",
  description: "AWS IAM credential report (aws iam get-credential-report, as printed or decoded): one credential per existing access key.",
  fileTypes: [".csv", "text/csv", ".json", "application/json", ".txt", "text/plain"],
  parse: parseAwsCredentialReport,
};
