import "server-only";
import path from "node:path";
import { z } from "zod";

/** Every variable Leash reads itself, with its default and range (the documentation's tables are tested against it). */
export const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  LEASH_DATA_DIR: z.string().min(1).optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  LEASH_FINGERPRINT_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  LEASH_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(10_240).default(256),
  LEASH_MAX_EVENT_UPLOAD_MB: z.coerce.number().int().min(1).max(10_240).default(1024),
  LEASH_INLINE_INGEST_KB: z.coerce.number().int().min(0).max(10_240).default(256),
  LEASH_APPROVAL_WEBHOOK_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  LEASH_SEED_DEMO: z.enum(["auto", "never"]).default("auto"),
  /** Where people reach Leash, for links in notifications; relative links when unset. */
  LEASH_PUBLIC_URL: z.string().url().optional(),
  LEASH_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(1),
  /** Jobs each web process works itself on Postgres (0: leave them all to `leash worker` processes). */
  LEASH_WEB_WORKERS: z.coerce.number().int().min(0).max(32).default(1),
  /** Jobs one `leash worker` process runs at once. */
  LEASH_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  /** A running job not heard from for this long is taken to have lost its worker and is retried (pg-boss minimum 10). */
  LEASH_JOB_HEARTBEAT_SECONDS: z.coerce.number().int().min(10).max(3600).default(30),
  LEASH_JOB_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** How often pg-boss looks for such jobs. */
  LEASH_JOB_SUPERVISE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).default("Single sign-on"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof envSchema> & { dataDir: string; oidcEnabled: boolean };

let parsed: Env | null = null;

/** Environment, parsed once. A bad or half-set value stops the start with a line naming the variable. */
export function env(): Env {
  if (parsed) return parsed;
  const result = envSchema.safeParse(process.env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Leash cannot start: invalid environment\n${lines}`);
  }
  const e = result.data;
  const oidcSet = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (oidcSet > 0 && oidcSet < 3) {
    throw new Error("Leash cannot start: OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together");
  }
  parsed = {
    ...e,
    dataDir: path.resolve(e.LEASH_DATA_DIR ?? path.join(process.env.LEASH_ROOT ?? process.cwd(), ".leash")),
    oidcEnabled: oidcSet === 3,
  };
  return parsed;
}

/** For tests that change process.env. */
export function resetEnvForTests(): void {
  parsed = null;
}
