import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { ZodError } from "zod";
import type { ApiErrorBody } from "@/lib/domain/identity";
import { issueFields } from "@/lib/domain/zod-issue";
import { auth } from "./auth";
import { AppError, assertStorable, isClientAbort, isDatabaseUnavailable, statusOf, tooLarge, type AppErrorCode } from "./errors";
import type { Permission } from "./permissions";
import { clientIp, expectedOrigin } from "./request-context";
import { authenticateToken } from "./tokens";
import { loadViewer, requirePermission, type Viewer } from "./viewer";

type RouteContext<P> = { params: Promise<P> };
export type Handler<P> = (request: NextRequest, ctx: { viewer: Viewer; params: P; requestId: string }) => Promise<unknown>;

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
export const MAX_JSON_BYTES = 1_000_000;

export function errorResponse(code: AppErrorCode | "internal", message: string, requestId: string, fields?: Record<string, string>) {
  const body: ApiErrorBody = { error: { code, message, requestId, ...(fields ? { fields } : {}) } };
  return NextResponse.json(body, { status: code === "internal" ? 500 : statusOf[code], headers: { "x-request-id": requestId } });
}

// Postgres refuses text holding a NUL character: in a text parameter (SQLSTATE 22021) or inside jsonb (22P05), on
// both engines. Only the caller can have sent one, in a filter, id or body: their bad input, not our fault.
const NUL_REFUSALS = new Set(["22021", "22P05"]);

function isNulCharacterRefusal(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    if (NUL_REFUSALS.has(String((e as { code?: unknown }).code))) return true;
  }
  return false;
}

/** Maps an error to a response: AppError and validation errors say what went wrong; anything else says only "internal". */
export function toErrorResponse(error: unknown, requestId: string): NextResponse {
  if (error instanceof AppError) return errorResponse(error.code, error.message, requestId, error.fields);
  // Input is checked with parseInput; a ZodError reaching here comes from a parse that did not keep the input.
  if (error instanceof ZodError) return errorResponse("invalid", "Invalid input", requestId, issueFields(error));
  if (isNulCharacterRefusal(error)) return errorResponse("invalid", "Text must not contain NUL characters", requestId);
  // Not logged: an abandoned upload is the client's choice, and a load balancer's idle timeout makes many of them.
  if (isClientAbort(error)) return errorResponse("invalid", "The request ended before its body was complete", requestId);
  if (isDatabaseUnavailable(error)) {
    console.error(`[leash] request ${requestId}: database unavailable`, (error as Error).message);
    const response = errorResponse("unavailable", "The database is unavailable (restarting or unreachable). Retry the request: what it completed is not done twice.", requestId);
    response.headers.set("retry-after", "5");
    return response;
  }
  console.error(`[leash] request ${requestId} failed`, error);
  return errorResponse("internal", "Something went wrong. Quote the request id when reporting it.", requestId);
}

// A browser sends Origin on every cross-site mutation; a cookie-authenticated one must come from our own pages.
function assertSameOrigin(request: NextRequest): void {
  const origin = request.headers.get("origin");
  const fetchSite = request.headers.get("sec-fetch-site");
  if (origin ? origin === expectedOrigin(request) : fetchSite === "same-origin") return;
  throw new AppError("forbidden", "Cross-site request refused");
}

async function resolveViewer(request: NextRequest, requestId: string): Promise<Viewer | null> {
  const origin = { ip: clientIp(request.headers), requestId };
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const [scheme, value] = authorization.split(/\s+/, 2);
    if (scheme?.toLowerCase() !== "bearer" || !value) return null;
    return authenticateToken(value, origin);
  }
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  if (MUTATING.has(request.method)) assertSameOrigin(request);
  return loadViewer(userId, { ...origin, via: "session" });
}

/**
 * The one wrapper for /api/v1 route handlers: resolves a bearer token or session, checks the permission (the data
 * access layer checks again, with team scope), and maps errors to statuses. Handlers return a value (sent as JSON,
 * with `status`, or the status it gives for that value) or a Response.
 */
export function withAuth<P = Record<string, never>>(handler: Handler<P>, options: { permission: Permission; status?: number | ((result: unknown) => number) }) {
  return async (request: NextRequest, context: RouteContext<P>): Promise<Response> => {
    const requestId = randomUUID();
    try {
      const viewer = await resolveViewer(request, requestId);
      if (!viewer) return errorResponse("unauthenticated", "Sign in or send a valid API token", requestId);
      requirePermission(viewer, options.permission);
      const result = await handler(request, { viewer, params: await context.params, requestId });
      if (result instanceof Response) return result;
      const status = typeof options.status === "function" ? options.status(result) : (options.status ?? 200);
      return NextResponse.json(result, { status, headers: { "x-request-id": requestId } });
    } catch (error) {
      return toErrorResponse(error, requestId);
    }
  };
}

/**
 * Reads a text body, refusing it with a 413 as soon as it passes `maxBytes` (declared or counted): a body sent
 * without a length is never buffered past the cap.
 */
export async function readText(request: Request, maxBytes: number): Promise<string> {
  const refuse = () => tooLarge(`Body larger than ${maxBytes} bytes`);
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw refuse();
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    size += next.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw refuse();
    }
    chunks.push(next.value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks)); // as Request.text(): UTF-8, a leading BOM dropped
}

/**
 * Reads a JSON body with a size cap: an oversized body is a 413, a malformed one a 400, each naming the problem, as
 * is a string no column could store (storable-text.ts).
 */
export async function readJson(request: Request): Promise<unknown> {
  return parseJsonBody(await readText(request, MAX_JSON_BYTES));
}

/** A body's text as JSON, refused as readJson refuses it; `hint` says what else the route would have taken. */
export function parseJsonBody(text: string, hint = ""): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("invalid", `Body is not valid JSON${hint}`);
  }
  assertStorable(body);
  return body;
}
