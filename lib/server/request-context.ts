import "server-only";
import { env } from "./env";

/**
 * The client's address. Each proxy appends the address it saw to X-Forwarded-For, so the entry written by the
 * nearest trusted hop is the last one that can be believed; anything left of it is client-supplied.
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  if (!forwarded) return headers.get("x-real-ip");
  const hops = forwarded
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const index = Math.max(0, hops.length - env().LEASH_TRUSTED_PROXY_HOPS);
  return hops[index] ?? hops.at(-1) ?? null;
}

/** The origin the browser believes it is talking to, from the Host (or trusted forwarded host) header. */
export function expectedOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  const proto = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}
