import { z } from "zod";
import type { CredentialSubject, Rule, SubjectKind } from "../types";

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

export const pass = (reason: string) => ({ result: "pass", reason }) as const;
export const fail = (reason: string) => ({ result: "fail", reason }) as const;
export const notApplicable = (reason: string) => ({ result: "not_applicable", reason }) as const;

export function ms(instant: string | null | undefined): number | null {
  if (instant === null || instant === undefined) return null;
  const t = Date.parse(instant);
  return Number.isNaN(t) ? null : t;
}

/** Why a credential can no longer authenticate, or null while it can (disabled keys can be re-enabled, so they count). */
export function deadReason(c: CredentialSubject, now: Date): string | null {
  if (c.status === "revoked" || c.status === "expired") return `status=${c.status}`;
  const revoked = ms(c.revoked_at);
  if (revoked !== null && revoked <= now.getTime()) return `revoked_at=${c.revoked_at}`;
  const expires = ms(c.expires_at);
  if (expires !== null && expires <= now.getTime()) return `expired at ${c.expires_at}`;
  return null;
}

/** Stated lifetime in ms; null when it never expires or expiry is not stated. Unknown creation counts from now. */
export function lifetimeMs(c: CredentialSubject, now: Date): number | null {
  const expires = ms(c.expires_at);
  if (expires === null) return null;
  return expires - (ms(c.created_at) ?? now.getTime());
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

export const round1 = (n: number) => Math.round(n * 10) / 10;
