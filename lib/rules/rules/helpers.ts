import { z } from "zod";
import type { CredentialSubject, Rule, SubjectKind, SubjectOf } from "../types";

export { DAY_MS } from "@/lib/domain/utc-days";
export const HOUR_MS = 3_600_000;

/** Builds a rule whose defaults are whatever its schema gives for `{}`, so the two can never disagree. */
export function defineRule<K extends SubjectKind, P extends object>(
  rule: Omit<Rule<K, P>, "parameters"> & { parameters: z.ZodType<P> },
): Rule<K, P> {
  const schema = rule.parameters;
  return { ...rule, parameters: { schema, defaults: schema.parse({}) } };
}

export const noParameters = z.object({});
export const days = (fallback: number) => z.number().int().positive().default(fallback);

/**
 * A list parameter compared with a credential's values, which are lowercase slugs: typed case is folded ("Delete" is
 * delete), a value no credential can have is refused, and an empty list too — it would quietly pass everything.
 */
export const slugList = <T extends string>(item: z.ZodType<T, string>) => z.array(z.string().trim().toLowerCase().pipe(item)).min(1, "list at least one value");

export const pass = (reason: string) => ({ result: "pass", reason }) as const;
export const fail = (reason: string) => ({ result: "fail", reason }) as const;
export const notApplicable = (reason: string) => ({ result: "not_applicable", reason }) as const;

export function ms(instant: string | null | undefined): number | null {
  if (instant === null || instant === undefined) return null;
  const t = Date.parse(instant);
  return Number.isNaN(t) ? null : t;
}

/** Times at which something happened to a credential (expires_at may lie ahead by design, so it is not one). */
const HAPPENED = ["created_at", "last_rotated_at", "last_used_at", "last_review_at", "revoked_at"] as const;
type NotedField = (typeof HAPPENED)[number] | "status";

// Why `asOf` left a value out of a view, keyed by the view, so reasons can still name the value. Weak: a view dies
// with its evaluation.
const WITHHELD = new WeakMap<CredentialSubject, Partial<Record<NotedField, string>>>();

/**
 * The credential as it stood at `now`, the instant rules judge (a past one for posture "as of"). A time after it —
 * clock skew, or a record that describes later events — had not happened yet then: a later revocation leaves the
 * credential unrevoked (revoked_at=null); a later creation, rotation, use or review is not stated; and a status of
 * revoked or expired that dates from after `now` is not stated either, so the credential was live then unless it
 * had expired by then. Returns `c` itself when nothing is later, which is nearly always.
 */
export function asOf(c: CredentialSubject, now: Date): CredentialSubject {
  const after = (instant: string | null | undefined) => (ms(instant) ?? -Infinity) > now.getTime();
  const later = HAPPENED.filter((field) => after(c[field]));
  const laterStatus = (c.status === "revoked" && after(c.revoked_at)) || (c.status === "expired" && after(c.expires_at));
  if (later.length === 0 && !laterStatus) return c;
  const view: CredentialSubject = { ...c };
  const notes: Partial<Record<NotedField, string>> = {};
  for (const field of later) {
    notes[field] = `${field}=${c[field]} is after the evaluation instant, so not known then`;
    delete view[field];
  }
  if (later.includes("revoked_at")) {
    view.revoked_at = null;
    notes.revoked_at = `revoked_at=${c.revoked_at} is after the evaluation instant, so not revoked then`;
  }
  if (laterStatus) {
    delete view.status;
    notes.status = `status=${c.status} dates from after the evaluation instant`;
  }
  WITHHELD.set(view, notes);
  return view;
}

/**
 * The subject as rules judge it at `now`. Applied once per subject where rules are run (evaluateSubject,
 * evaluateRule), so no rule can forget it. Events and corpora are passed through as they are.
 */
export function subjectAsOf<K extends SubjectKind>(kind: K, subject: SubjectOf[K], now: Date): SubjectOf[K] {
  return kind === "credential" ? (asOf(subject as CredentialSubject, now) as SubjectOf[K]) : subject;
}

/** Why `asOf` left `field` out of this view ("last_used_at=… is after the evaluation instant, …"); undefined if it did not. */
export function withheld(c: CredentialSubject, field: NotedField): string | undefined {
  return WITHHELD.get(c)?.[field];
}

/** A field as a reason names it: `field=value`, `field not stated`, or why the view withheld it. */
export function describeField(c: CredentialSubject, field: NotedField): string {
  const value = c[field];
  return withheld(c, field) ?? (value === undefined ? `${field} not stated` : `${field}=${value}`);
}

/**
 * Why a credential can no longer authenticate, or null while it can (disabled keys can be re-enabled, so they count).
 * Trusts `status`, so it expects the view from `asOf`, where a revocation after `now` no longer shows.
 */
export function deadReason(c: CredentialSubject, now: Date): string | null {
  if (c.status === "revoked" || c.status === "expired") return `status=${c.status}`;
  const revoked = ms(c.revoked_at);
  if (revoked !== null && revoked <= now.getTime()) return `revoked_at=${c.revoked_at}`;
  const expires = ms(c.expires_at);
  if (expires !== null && expires <= now.getTime()) return `expired at ${c.expires_at}`;
  return null;
}

/**
 * How long a credential stays valid. `lifetime` runs from created_at; without created_at only the time `remaining`
 * from `now` is known, a lower bound on the lifetime and never the lifetime itself (counting an unknown creation
 * from now once read a key 200 days past rotation as a "30-day lifetime"). null: never expires or expiry not stated.
 */
export type Validity = { ms: number; known: "lifetime" | "remaining" };

export function validity(c: CredentialSubject, now: Date): Validity | null {
  const expires = ms(c.expires_at);
  if (expires === null) return null;
  const created = ms(c.created_at);
  return created === null ? { ms: expires - now.getTime(), known: "remaining" } : { ms: expires - created, known: "lifetime" };
}

/**
 * Whether a validity exceeds `limit` units, and the reason's words: "lifetime 20 h ≤ 24 h", or, when only the time
 * remaining is known, the expiry instant itself ("created_at not stated; expires_at=… is within 24 h"): the time
 * remaining moves with every evaluation, and a reason that moved would rewrite an unchanged verdict each time.
 */
export function judgeValidity(c: CredentialSubject, v: Validity, unitMs: number, unit: string, limit: number): { over: boolean; text: string } {
  const over = v.ms > limit * unitMs;
  if (v.known === "lifetime") return { over, text: `lifetime ${shown(v.ms / unitMs, limit)} ${unit} ${over ? ">" : "≤"} ${limit} ${unit}` };
  return { over, text: `${describeField(c, "created_at")}; expires_at=${c.expires_at} is ${over ? `more than ${limit} ${unit} away` : `within ${limit} ${unit}`}` };
}

export function describeExpiry(c: CredentialSubject): string {
  return c.expires_at === undefined ? "expires_at not stated" : "expires_at is null";
}

export function formatEnvironments(c: CredentialSubject): string {
  if (c.environments === undefined) return "environments not stated";
  return `environments=[${c.environments.join(", ")}]`;
}

/** Untagged or unstated counts as production: nothing shows the key cannot reach it. */
export function mayReachProduction(c: CredentialSubject): boolean {
  const envs = c.environments;
  return envs === undefined || envs.length === 0 || envs.includes("*") || envs.includes("production");
}

/**
 * `value` for a reason that compares it with `limit`: one decimal, or as many more as it takes not to show a value
 * that differs from its limit as equal to it ("lifetime 90.001 days > 90 days", never "90 days > 90 days").
 */
/**
 * An age (time since a use, rotation, review, scan or detection) for a reason that compares it with `limit`: one
 * decimal, or "just over" / "just under" the limit where one decimal would print it equal. An age grows with every
 * evaluation, so the extra decimals `shown` adds would change the reason — and rewrite an unchanged verdict — on
 * every run.
 */
export function shownAge(value: number, limit: number): string {
  const rounded = Math.round(value * 10) / 10;
  if (rounded !== limit || value === limit) return String(rounded);
  return value > limit ? `just over ${limit}` : `just under ${limit}`;
}

export function shown(value: number, limit: number): string {
  for (let decimals = 1; decimals <= 12; decimals++) {
    const scale = 10 ** decimals;
    const rounded = Math.round(value * scale) / scale;
    if (rounded !== limit || value === limit) return String(rounded);
  }
  return String(value);
}
