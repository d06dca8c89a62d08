/**
 * Stands in for lib/server/auth in route tests (`vi.mock("@/lib/server/auth", () => import(...))`): Auth.js reads
 * its cookie through Next's request scope, which a handler called directly does not have. The session is whichever
 * user the test names; the real cookie path is exercised end to end by the Playwright journeys.
 */
let sessionUserId: string | null = null;

export function setSessionUser(userId: string | null): void {
  sessionUserId = userId;
}

export async function auth(): Promise<{ user: { id: string }; expires: string } | null> {
  return sessionUserId ? { user: { id: sessionUserId }, expires: new Date(Date.now() + 3_600_000).toISOString() } : null;
}

const unavailable = async (): Promise<never> => {
  throw new Error("Auth.js sign-in and sign-out need a Next.js request; test them end to end");
};

export const signIn = unavailable;
export const signOut = unavailable;
export const handlers = { GET: unavailable, POST: unavailable };
