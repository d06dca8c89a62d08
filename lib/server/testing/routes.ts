import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { NextRequest } from "next/server";
import type { ApiRoute } from "../api-routes";

/** Route handlers called directly, as Next.js calls them: a NextRequest and a context with decoded params. */

export const BASE = "http://leash.test";
export const HTTP_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** Every route.ts under a folder of app/, relative to the project root. */
export function routeFiles(dir = "app"): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.posix.join(dir, name);
    return statSync(path.join(ROOT, rel)).isDirectory() ? routeFiles(rel) : name === "route.ts" ? [rel] : [];
  });
}

/** `/api/v1/credentials/{id}` → `app/api/v1/credentials/[id]/route.ts`. */
export function routeFileOf(apiPath: string): string {
  return `app${apiPath.replace(/\{(\w+)\}/g, "[$1]")}/route.ts`;
}

/** `app/api/v1/credentials/[id]/route.ts` → `/api/v1/credentials/{id}`. */
export function apiPathOf(file: string): string {
  return `/${path.posix.dirname(file).replace(/^app\//, "").replace(/\[(\w+)\]/g, "{$1}")}`;
}

type RouteModule = Record<string, unknown>;
const modules = new Map<string, Promise<RouteModule>>();

export function loadRouteModule(file: string): Promise<RouteModule> {
  if (!modules.has(file)) modules.set(file, import(/* @vite-ignore */ path.join(ROOT, file)) as Promise<RouteModule>);
  return modules.get(file)!;
}

/** The HTTP methods a route module exports. */
export async function exportedMethods(file: string): Promise<string[]> {
  const mod = await loadRouteModule(file);
  return HTTP_METHODS.filter((m) => typeof mod[m] === "function");
}

export type RouteCall = {
  params?: Record<string, string>;
  /** Query string without the leading "?". */
  search?: string;
  headers?: Record<string, string>;
  body?: BodyInit;
};

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;

/** Calls a route's handler with a request for its path, the params substituted (encoded in the URL, decoded in params). */
export async function callRoute(route: Pick<ApiRoute, "method" | "path">, call: RouteCall = {}): Promise<Response> {
  const handler = (await loadRouteModule(routeFileOf(route.path)))[route.method] as Handler | undefined;
  if (!handler) throw new Error(`${route.method} ${route.path}: the route file exports no such handler`);
  const params = call.params ?? {};
  const url = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`${route.path}: no value for {${name}}`);
    return encodeURIComponent(params[name]!);
  });
  // A stream body is sent without a length, as a client streaming an upload would (fetch calls that half duplex).
  const duplex = call.body instanceof ReadableStream ? { duplex: "half" as const } : {};
  const request = new NextRequest(`${BASE}${url}${call.search ? `?${call.search}` : ""}`, { method: route.method, headers: call.headers, body: call.body, ...duplex });
  return handler(request, { params: Promise.resolve(params) });
}
