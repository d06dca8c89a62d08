import { visibleText } from "../lib/domain/visible-text";
import { locationText, type RowLocation } from "../lib/ingest/row-error";

/** How many rejected lines a text report lists; --json carries every one the run reported. */
const SHOWN = 50;

type LineError = RowLocation & { field?: string | null; reason: string };

/** The text report's lines for what an import or ingest rejected: the first few, then how many more there were. */
export function rejectedLines(errors: readonly LineError[], rejected: number, noun: "rows" | "lines"): string[] {
  // A reason or field name may quote the rejected input.
  const lines = errors.slice(0, SHOWN).map((e) => visibleText(`  ${locationText(e)}${e.field ? ` [${e.field}]` : ""}: ${e.reason}`));
  if (rejected > lines.length) {
    const inJson = errors.length <= lines.length ? "" : errors.length === rejected ? " (--json lists them all)" : ` (--json lists the first ${errors.length})`;
    lines.push(`  … ${rejected - lines.length} more rejected ${noun}${inJson}`);
  }
  return lines;
}
