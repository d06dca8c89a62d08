import { evidenceRequestSchema, type EvidenceRequest } from "@/lib/domain/evidence";
import { checkForm, type FieldErrors } from "@/lib/client/form";

/** What the build form holds: either an instant (typed in UTC, empty = now) or an audit period in UTC days. */
export type BuildFormValues = { framework: string; scope: "as_of" | "period"; asOf: string; from: string; to: string };

/** "2026-01-05T09:30" (or with seconds) typed in UTC becomes "2026-01-05T09:30:00.000Z"; null when it is no date. */
export function utcInstant(local: string): string | null {
  const date = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(local) ? local : `${local}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * The request body the API takes, or the field errors to show next to the inputs. The shared schema checks the
 * order of the period; what it cannot know (an instant in the future) the server answers for.
 */
export function buildRequest(values: BuildFormValues): { ok: true; request: EvidenceRequest } | { ok: false; errors: FieldErrors } {
  if (values.scope === "period") {
    const missing: FieldErrors = {};
    if (!values.from) missing.from = "Pick the first day of the period";
    if (!values.to) missing.to = "Pick the last day of the period";
    if (Object.keys(missing).length > 0) return { ok: false, errors: missing };
    return parse({ framework: values.framework, from: values.from, to: values.to });
  }
  if (!values.asOf.trim()) return parse({ framework: values.framework });
  const asOf = utcInstant(values.asOf.trim());
  if (!asOf) return { ok: false, errors: { asOf: "Not a date and time" } };
  return parse({ framework: values.framework, asOf });
}

function parse(input: EvidenceRequest): { ok: true; request: EvidenceRequest } | { ok: false; errors: FieldErrors } {
  const parsed = checkForm(evidenceRequestSchema, input);
  return parsed.success ? { ok: true, request: input } : { ok: false, errors: parsed.fields };
}
