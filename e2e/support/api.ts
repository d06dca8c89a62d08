import { expect, request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";
import { storageStatePath, type DemoRole } from "./accounts";

/**
 * An API client signed in as a demo role (the setup project's cookies). It sends Origin like the browser would,
 * because the server refuses cookie-authenticated mutations from any other origin.
 */
export async function apiAs(role: DemoRole, baseURL: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({
    baseURL,
    storageState: storageStatePath(role),
    extraHTTPHeaders: { Origin: new URL(baseURL).origin, "Content-Type": "application/json" },
  });
}

/** A client with no cookies at all, for bearer-token calls. */
export async function anonymousApi(baseURL: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL });
}

/** Same-origin JSON headers for page.request calls, which share the page's cookies. */
export function sameOriginHeaders(page: Page): Record<string, string> {
  return { Origin: new URL(page.url()).origin, "Content-Type": "application/json" };
}

export async function expectJson<T>(response: Awaited<ReturnType<APIRequestContext["get"]>>, status: number): Promise<T> {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as T;
}
