import "server-only";
import { env } from "./env";

/** The identity provider button's label, or null when OIDC is not configured. */
export function oidcProviderName(): string | null {
  return env().oidcEnabled ? env().OIDC_NAME : null;
}

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;
