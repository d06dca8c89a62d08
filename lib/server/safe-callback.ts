/**
 * Where to go after signing in. Only same-site paths: an attacker-supplied callbackUrl must not turn sign-in into
 * an open redirect (`//evil.example`, `/\evil.example` and absolute URLs all fall back to the overview).
 */
export function safeCallback(value: unknown): string {
  const path = typeof value === "string" ? value : "";
  const sameSite = path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") && !/[\r\n\t]/.test(path);
  return sameSite ? path : "/overview";
}
