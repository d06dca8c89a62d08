import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { signInThrottle, users } from "@/db/schema";
import { recordAudit } from "./audit";
import { db } from "./db";
import { burnPasswordCheck, verifyPassword } from "./passwords";

/** Failures allowed in a window before the key is locked for LOCK_MS. */
export const throttlePolicy = {
  account: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  address: { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} as const;

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

type ThrottleKey = { key: string; policy: (typeof throttlePolicy)[keyof typeof throttlePolicy] };

function keysFor(email: string, ip: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `account:${email}`, policy: throttlePolicy.account }];
  if (ip) keys.push({ key: `ip:${ip}`, policy: throttlePolicy.address });
  return keys;
}

async function lockedFor(keys: ThrottleKey[], now: Date): Promise<number> {
  let seconds = 0;
  for (const { key } of keys) {
    const [row] = await db().select().from(signInThrottle).where(eq(signInThrottle.key, key));
    if (row?.lockedUntil && row.lockedUntil > now) {
      seconds = Math.max(seconds, Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000));
    }
  }
  return seconds;
}

// One statement per key, so concurrent failures from several processes all count.
async function recordFailure({ key, policy }: ThrottleKey, now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - policy.windowMs);
  const lockUntil = new Date(now.getTime() + policy.lockMs);
  await db()
    .insert(signInThrottle)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: {
        failures: sql`case when ${signInThrottle.windowStartedAt} < ${windowStart.toISOString()}::timestamptz then 1 else ${signInThrottle.failures} + 1 end`,
        windowStartedAt: sql`case when ${signInThrottle.windowStartedAt} < ${windowStart.toISOString()}::timestamptz then ${now.toISOString()}::timestamptz else ${signInThrottle.windowStartedAt} end`,
      },
    });
  await db()
    .update(signInThrottle)
    .set({ lockedUntil: lockUntil, failures: 0, windowStartedAt: now })
    .where(sql`${signInThrottle.key} = ${key} and ${signInThrottle.failures} >= ${policy.maxFailures}`);
}

/**
 * Checks an email and password, rate limited per account and per client address with the counters in the
 * database. Every outcome is audited; the answer never says whether the account exists.
 */
export async function signInWithPassword(emailInput: string, password: string, ip: string | null): Promise<SignInResult> {
  const email = emailInput.trim().toLowerCase().slice(0, 254);
  const now = new Date();
  const keys = keysFor(email, ip);
  const actor = { actorType: "anonymous" as const, actorId: null, actorLabel: email || "(no email)", ip, requestId: null };
  const locked = await lockedFor(keys, now);
  if (locked > 0) {
    await recordAudit(actor, { action: "auth.sign_in", outcome: "denied", details: { method: "password", reason: "locked" } });
    return { ok: false, reason: "locked", retryAfterSeconds: locked };
  }
  const [user] = await db().select().from(users).where(eq(users.email, email));
  const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  if (!user || !valid || !user.active) {
    for (const key of keys) await recordFailure(key, now);
    const reason = !user ? "unknown account" : !valid ? "wrong password" : "deactivated account";
    await recordAudit(actor, { action: "auth.sign_in", outcome: "failure", details: { method: "password", reason } });
    const nowLocked = await lockedFor(keys, now);
    return nowLocked > 0 ? { ok: false, reason: "locked", retryAfterSeconds: nowLocked } : { ok: false, reason: "invalid" };
  }
  await db().delete(signInThrottle).where(eq(signInThrottle.key, `account:${email}`));
  await db().update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id));
  await recordAudit(
    { ...actor, actorType: "user", actorId: user.id, actorLabel: user.email },
    { action: "auth.sign_in", details: { method: "password" } },
  );
  return { ok: true, userId: user.id };
}

/**
 * Maps an identity provider's profile to a Leash user. The user must already exist and be active (an admin creates
 * them): SSO proves who someone is, Leash decides what they may do. An unverified email is refused.
 */
export async function signInWithOidcProfile(profile: Record<string, unknown> | undefined): Promise<string | null> {
  const email = typeof profile?.email === "string" ? profile.email.trim().toLowerCase() : "";
  const verified = profile?.email_verified !== false;
  const [row] =
    email && verified
      ? await db().select({ id: users.id }).from(users).where(and(eq(users.email, email), eq(users.active, true)))
      : [];
  if (row) await db().update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, row.id));
  const reason = !email ? "profile has no email" : !verified ? "email not verified by the provider" : "no active Leash user with this email";
  await recordAudit(
    { actorType: row ? "user" : "anonymous", actorId: row?.id ?? null, actorLabel: email || "(no email)", ip: null, requestId: null },
    { action: "auth.sign_in", outcome: row ? "success" : "failure", details: { method: "oidc", ...(row ? {} : { reason }) } },
  );
  return row?.id ?? null;
}
