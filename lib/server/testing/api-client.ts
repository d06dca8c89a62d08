import { NextRequest } from "next/server";
import type { TokenScope } from "@/lib/domain/identity";
import { createToken } from "../tokens";
import type { Viewer } from "../viewer";
import type { IdentityFixture } from "./fixtures";
import { BASE } from "./routes";

/** Route handlers called as an API client calls them: with a bearer token, over `BASE`. */

/** The context of a route without params, and of one with an `id`. */
export const noParams = { params: Promise.resolve({}) as Promise<Record<string, never>> };
export const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

/**
 * A request to `path` (with its query string) with `token` as its bearer (null: none). A body given as a string or
 * form data is sent as it is; any other is sent as JSON.
 */
export function apiRequest(method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): NextRequest {
  const raw = typeof body === "string" || body instanceof FormData;
  const sent: Record<string, string> = { ...(body === undefined || raw ? {} : { "content-type": "application/json" }), ...headers };
  if (token) sent.authorization = `Bearer ${token}`;
  return new NextRequest(`${BASE}${path}`, { method, headers: sent, body: body === undefined ? undefined : raw ? (body as BodyInit) : JSON.stringify(body) });
}

/** A day's API token with `scopes`, made by the fixture's admin for `user` (the admin by default). */
export async function bearerToken(f: IdentityFixture, scopes: TokenScope[], user: Viewer = f.admin): Promise<string> {
  return (await createToken(f.admin, { name: `${scopes.join("+")} for ${user.email}`, scopes, expiresInDays: 1, userId: user.userId })).token;
}
