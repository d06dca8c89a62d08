/** One rejected input row or line: where it is and why, never the offending secret value. */
export type RowError = {
  /** 1-based line number in the uploaded file (for CSV, the line the record starts on). */
  line: number;
  /** Column or JSON field that failed, when one can be named. */
  field?: string;
  reason: string;
};
