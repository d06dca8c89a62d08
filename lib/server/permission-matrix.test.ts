import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { Role, TokenScope } from "@/lib/domain/identity";
import { apiRoutes, type ApiRoute } from "./api-routes";
import { resetEnvForTests } from "./env";
import { permissionTable } from "./permissions";
import { setSessionUser } from "./testing/fake-auth";
import { routeCases, type RouteCase } from "./testing/route-cases";
import { apiPathOf, BASE, callRoute, exportedMethods, routeFileOf, routeFiles } from "./testing/routes";
import { seedSecurityWorkspace, type SecurityWorkspace } from "./testing/security-workspace";
import { describeEachEngine } from "./testing/test-db";
import { createToken } from "./tokens";

vi.mock("@/lib/server/auth", () => import("./testing/fake-auth"));

// The permission table, enforced: every /api/v1 route called by every kind of caller answers what the table says.

const key = (route: Pick<ApiRoute, "method" | "path">) => `${route.method} ${route.path}`;

describe("the matrix covers every route", () => {
  test("every route file under app/api/v1 is in apiRoutes with each method it exports, and nothing else is", async () => {
    const files = routeFiles("app/api/v1");
    const served = (await Promise.all(files.map(async (file) => (await exportedMethods(file)).map((m) => `${m} ${apiPathOf(file)}`)))).flat();
    expect(served.sort()).toEqual(apiRoutes.map(key).sort());
    for (const route of apiRoutes) expect(files, key(route)).toContain(routeFileOf(route.path));
  });

  test("the only route handlers outside /api/v1 are Auth.js's", () => {
    expect(routeFiles("app").filter((f) => !f.startsWith("app/api/v1/"))).toEqual(["app/api/auth/[...nextauth]/route.ts"]);
  });

  test("every route has a matrix row and every row a route; only routes without a permission are public", () => {
    expect(Object.keys(routeCases).sort()).toEqual(apiRoutes.map(key).sort());
    for (const route of apiRoutes) expect(routeCases[key(route)]!.public !== undefined, key(route)).toBe(route.permission === null);
  });
});

type Caller = { name: string; session?: string; token?: string; role?: Role; scopes?: TokenScope[]; team?: "A" | "B" };

function callersOf(w: SecurityWorkspace): Caller[] {
  return [
    { name: "anonymous" },
    { name: "engineer of team A", session: w.engineerA.userId, role: "engineer", team: "A" },
    { name: "engineer of team B", session: w.engineerB.userId, role: "engineer", team: "B" },
    { name: "auditor", session: w.auditor.userId, role: "auditor" },
    { name: "admin", session: w.admin.userId, role: "admin" },
    ...(["read", "ingest", "evidence", "admin"] as const).map((scope): Caller => ({ name: `admin's ${scope} token`, token: w.tokens[scope], role: "admin", scopes: [scope] })),
    { name: "expired token", token: w.tokens.expired },
    { name: "revoked token", token: w.tokens.revoked },
  ];
}

/** What the permission table says a caller gets: a status, or "allowed" (anything but 401, 403 and 5xx). */
function expectedFor(route: ApiRoute, rc: RouteCase, caller: Caller): number | "allowed" {
  if (rc.public !== undefined) return rc.public;
  if (!caller.role) return 401;
  const entry = permissionTable[route.permission!];
  const granted = (entry.roles as readonly Role[]).includes(caller.role) && (!caller.scopes || caller.scopes.some((s) => (entry.scopes as readonly TokenScope[]).includes(s)));
  if (!granted) return 403;
  return rc.teamA && caller.team === "B" ? 404 : "allowed";
}

let calls = 0;

async function callAs(w: SecurityWorkspace, route: ApiRoute, caller: Caller, override?: { body?: BodyInit; type?: string; headers?: Record<string, string>; params?: Record<string, string>; search?: string }) {
  const rc = routeCases[key(route)]!;
  const body = override && "body" in override ? { body: override.body, type: override.type } : route.method === "GET" ? undefined : rc.body?.(w, ++calls);
  const headers: Record<string, string> = {};
  if (body?.type) headers["content-type"] = body.type;
  if (caller.token) headers.authorization = `Bearer ${caller.token}`;
  if (caller.session) headers.origin = BASE; // a browser sends Origin with every POST; the API refuses a foreign one
  setSessionUser(caller.session ?? null);
  try {
    const response = await callRoute(route, { params: override?.params ?? rc.params?.(w), search: override?.search ?? rc.search?.(w), headers: { ...headers, ...override?.headers }, body: body?.body });
    return { status: response.status, text: await response.text() };
  } finally {
    setSessionUser(null);
  }
}

describeEachEngine("permission matrix", () => {
  let w: SecurityWorkspace;
  let callers: Caller[] = [];
  beforeAll(async () => {
    process.env.LEASH_APPROVAL_WEBHOOK_SECRET = "matrix-webhook-shared-value";
    resetEnvForTests();
    w = await seedSecurityWorkspace();
    callers = callersOf(w);
    const token = await createToken(w.admin, { name: "engineer b", scopes: ["admin"], expiresInDays: 1, userId: w.engineerB.userId });
    callers.push({ name: "engineer B's admin-scoped token", token: token.token, role: "engineer", scopes: ["admin"], team: "B" });
  });
  afterAll(() => {
    delete process.env.LEASH_APPROVAL_WEBHOOK_SECRET;
    resetEnvForTests();
  });

  for (const route of apiRoutes) {
    test(`${key(route)} (${route.permission ?? "public"})`, async () => {
      const rc = routeCases[key(route)]!;
      const got: string[] = [];
      const want: string[] = [];
      let succeeded = 0;
      for (const caller of callers) {
        const { status, text } = await callAs(w, route, caller);
        const expected = expectedFor(route, rc, caller);
        const allowed = status !== 401 && status !== 403 && status < 500 && !(rc.teamA && caller.team === "A" && status === 404);
        const outcome = expected === "allowed" && allowed ? "allowed" : String(status);
        got.push(`${caller.name}: ${outcome}${outcome === String(expected) ? "" : ` ${text.slice(0, 200)}`}`);
        want.push(`${caller.name}: ${expected}`);
        if (expected === "allowed" && status < 300) succeeded++;
        // Whatever engineer B is shown, none of it is team A's (an id B sent may be echoed back in the error).
        const sent = JSON.stringify([rc.params?.(w), route.method === "GET" ? null : String(rc.body?.(w, 0).body)]);
        if (caller.team === "B") for (const marker of w.teamAMarkers.filter((m) => !sent.includes(m))) expect(text, `${caller.name} shown ${marker}`).not.toContain(marker);
      }
      expect(got).toEqual(want);
      // The bodies are valid: some caller the table allows actually succeeds, so the row proves more than refusals.
      if (rc.public === undefined) expect(succeeded, "no allowed caller succeeded").toBeGreaterThan(0);
    });
  }

  test("the permission is checked before the body or query is read: a refused caller sending garbage is 401 or 403, not 400", async () => {
    const anonymous = callers[0]!;
    let refusals = 0;
    for (const route of apiRoutes.filter((r) => r.permission)) {
      const garbage = { body: route.method === "GET" ? undefined : "{not json", type: "application/json", search: "limit=-1&cursor=%00&as_of=yesterday&corpusId=x" };
      expect((await callAs(w, route, anonymous, garbage)).status, key(route)).toBe(401);
      const denied = callers.find((c) => expectedFor(route, routeCases[key(route)]!, c) === 403);
      if (!denied) continue;
      expect((await callAs(w, route, denied, garbage)).status, `${key(route)} as ${denied.name}`).toBe(403);
      refusals++;
    }
    expect(refusals).toBeGreaterThan(40);
  });

  test("a signed-in browser's mutation from another origin is refused on every mutating route", async () => {
    const admin = callers.find((c) => c.name === "admin")!;
    for (const route of apiRoutes.filter((r) => r.method !== "GET" && r.permission)) {
      const foreign = await callAs(w, route, admin, { headers: { origin: "https://evil.example" } });
      expect(foreign.status, key(route)).toBe(403);
      expect(JSON.parse(foreign.text).error.message).toBe("Cross-site request refused");
      const noOrigin = await callAs(w, route, admin, { headers: { origin: "", "sec-fetch-site": "cross-site" } });
      expect(noOrigin.status, key(route)).toBe(403);
    }
  });

  // IDOR: an id is no key. Another team's object is not found, exactly as a missing one is; a hostile id is a 404
  // or a 400 with a JSON error, never a 500.
  const idRoutes = apiRoutes.filter((r) => r.path.includes("{"));

  test("team A's ids asked for by engineer B, by session or token, are not found, like ids that do not exist", async () => {
    const engineerB = callers.filter((c) => c.team === "B");
    const scoped = idRoutes.filter((r) => routeCases[key(r)]!.teamA);
    expect(scoped.length).toBeGreaterThanOrEqual(10);
    for (const route of scoped) {
      const params = routeCases[key(route)]!.params!(w);
      const missing = Object.fromEntries(Object.keys(params).map((name) => [name, route.path.startsWith("/api/v1/events/") ? "987654321" : randomUUID()]));
      for (const caller of engineerB) {
        const { status, text } = await callAs(w, route, caller);
        expect(status, `${key(route)} as ${caller.name}`).toBe(404);
        const error = JSON.parse(text).error;
        expect(error.code).toBe("not_found");
        for (const marker of w.teamAMarkers.filter((m) => !Object.values(params).includes(m))) expect(text).not.toContain(marker);
        const absent = await callAs(w, route, caller, { params: missing });
        expect(absent.status, `${key(route)} missing, as ${caller.name}`).toBe(404);
        expect(JSON.parse(absent.text).error.message.replaceAll(Object.values(missing)[0]!, "ID")).toBe(error.message.replaceAll(Object.values(params)[0]!, "ID"));
      }
    }
  });

  const HOSTILE_IDS = [
    "not-a-uuid", "../", "../../etc/passwd", "..\\..\\windows", "/etc/passwd", "' or 1=1 --", "1; drop table credentials; --", '"; drop table credentials; --',
    "%", "%zz", "%2e%2e%2f", "\u0000", "a\u0000b", "-".repeat(36), "0", "-1", "1e3", "0x10", "9".repeat(40), "😀", "Ω≈ç√", "x".repeat(10_000), " ",
  ];

  test("ids that do not exist are 404; malformed, traversal and SQL ids are 404 or 400 with a JSON error, never a 500", async () => {
    const admin = callers.find((c) => c.name === "admin")!;
    for (const route of idRoutes) {
      const names = Object.keys(routeCases[key(route)]!.params!(w));
      const valid = routeCases[key(route)]!.params!(w);
      for (const name of names) {
        const absent = await callAs(w, route, admin, { params: { ...valid, [name]: route.path.startsWith("/api/v1/events/") ? "987654321" : randomUUID() } });
        expect(absent.status, `${key(route)} {${name}} absent: ${absent.text}`).toBe(404);
        for (const value of HOSTILE_IDS) {
          const { status, text } = await callAs(w, route, admin, { params: { ...valid, [name]: value } });
          expect([400, 404], `${key(route)} {${name}}=${JSON.stringify(value.slice(0, 40))}: ${status} ${text.slice(0, 200)}`).toContain(status);
          expect(JSON.parse(text).error.code).toBe(status === 404 ? "not_found" : "invalid");
        }
      }
    }
  });
});
