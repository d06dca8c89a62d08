/** Where a row is in an uploaded file. */
export type RowLocation = {
  /** 1-based line number in the uploaded file (for CSV, the line the record starts on). */
  line: number;
  /**
   * For JSON: the 1-based position of the element among the file's elements (item 1 is `.[0]` of a top-level
   * array, or of its `items`, `keys`… list), counted on across every top-level value of the file. A minified file is
   * all on line 1, so only this finds the row.
   */
  item?: number;
};

/** One rejected input row or line: where it is and why, never the offending secret value. */
export type RowError = RowLocation & {
  /** Column or JSON field that failed, when one can be named. */
  field?: string;
  reason: string;
};

/** The location alone, from anything that carries one (a parsed row, an import item). */
export function locationOf({ line, item }: RowLocation): RowLocation {
  return item === undefined ? { line } : { line, item };
}

/** A location as people read it: "line 3", or "line 1, item 17" in a JSON file. */
export function locationText({ line, item }: RowLocation): string {
  return item === undefined ? `line ${line}` : `line ${line}, item ${item}`;
}

/** A row refused where it stands: the item carries its location, and so does its error. */
export function rejectedRow(at: RowLocation, problem: Omit<RowError, keyof RowLocation>): RowLocation & { error: RowError } {
  const where = locationOf(at);
  return { ...where, error: { ...where, ...problem } };
}

/** What is wrong with one field of a row (or with the row, when no field can be named). */
export type FieldProblem = Omit<RowError, keyof RowLocation>;

/**
 * Every problem of a row as its one error, so one fix clears the row instead of one field per attempt. A row is
 * rejected once, as before: one problem stays as it is; several name their fields together ("kind, team") and give
 * each reason after its field ("kind: …; team: …").
 */
export function rowProblem(problems: readonly FieldProblem[]): FieldProblem {
  if (problems.length <= 1) return problems[0] ?? { reason: "invalid value" };
  const fields = [...new Set(problems.flatMap((p) => (p.field ? [p.field] : [])))];
  const reason = problems.map((p) => (p.field ? `${p.field}: ${p.reason}` : p.reason)).join("; ");
  return fields.length > 0 ? { field: fields.join(", "), reason } : { reason };
}

/**
 * What an ingest answers (the events' and the approvals' alike): lines stored now, lines stored before (by an earlier
 * send or earlier in this one), and lines rejected, with where and why for the first MAX_REPORTED_LINE_ERRORS.
 */
export type LineCounts = { accepted: number; duplicate: number; rejected: number; errors: RowError[] };

/** Past this many, rejected lines are only counted: a wholly wrong file would otherwise answer with a copy of itself. */
export const MAX_REPORTED_LINE_ERRORS = 1000;

/** Counts a rejected line into a report, keeping its error while the report holds fewer than the limit. */
export function rejectLine(report: LineCounts, error: RowError): void {
  report.rejected++;
  if (report.errors.length < MAX_REPORTED_LINE_ERRORS) report.errors.push(error);
}
