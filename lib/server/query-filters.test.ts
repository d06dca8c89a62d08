import { sql } from "drizzle-orm";
import { afterEach, beforeAll, expect, test, vi } from "vitest";
import { apiRoutes, type ApiRoute } from "./api-routes";
import { db } from "./db";
import { importCredentials } from "./imports";
import { setSessionUser } from "./testing/fake-auth";
import { routeCases } from "./testing/route-cases";
import { callRoute } from "./testing/routes";
import { seedSecurityWorkspace, type SecurityWorkspace } from "./testing/security-workspace";
import { describeEachEngine } from "./testing/test-db";

vi.mock("@/lib/server/auth", () => import("./testing/fake-auth"));

// Every filter of every list route is a parameter to SQL, never part of it: hostile text is a 200 or a 400, the
// tables are intact afterwards, and a search for a LIKE wildcard matches only text that contains it.

const HOSTILE = [
  "' or 1=1 --",
  "' union select email, password_hash from users --",
  '"; drop table credentials; --',
  "1); delete from credentials; --",
  "%",
  "_",
  "\\",
  "%' or '1'='1",
  "$1",
  "Ω≈ç√ 汉字 😀 \u202e",
  "\u0000",
  "x".repeat(10_240),
];

const filtered = apiRoutes.filter((r) => r.method === "GET" && r.query);

async function count(table: string): Promise<number> {
  const result = (await db().execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0]!.n);
}

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

describeEachEngine("hostile filter values", () => {
  let w: SecurityWorkspace;
  beforeAll(async () => {
    w = await seedSecurityWorkspace();
    // A name holding every LIKE metacharacter, so a literal search for one of them has exactly one answer.
    const odd = { external_id: "odd-1", name: "100%_off\\deal", provider: "stripe", kind: "api_token", team: "Team B" };
    const run = await importCredentials(w.admin, { format: "leash-json", source: "odd", fileName: "odd.json", input: bytes(JSON.stringify([odd])) });
    expect(run.counts.created).toBe(1);
  });
  afterEach(() => setSessionUser(null));

  async function get(route: ApiRoute, search: URLSearchParams) {
    setSessionUser(w.admin.userId);
    const response = await callRoute(route, { params: routeCases[`${route.method} ${route.path}`]!.params?.(w), search: search.toString() });
    return { status: response.status, text: await response.text() };
  }

  test("every filter of every list route answers 200 or 400 (never 500) to SQL, wildcards, unicode, NUL and 10 KB", async () => {
    expect(filtered.length).toBeGreaterThanOrEqual(10);
    const before = { credentials: await count("credentials"), users: await count("users"), findings: await count("findings") };
    const seen: string[] = [];
    for (const route of filtered) {
      for (const name of Object.keys(route.query!.shape)) {
        for (const value of HOSTILE) {
          const { status, text } = await get(route, new URLSearchParams({ [name]: value }));
          // 404 only where the filter names a thing (an unknown framework is not found, like an unknown id).
          expect([200, 400, 404], `${route.path}?${name}=${JSON.stringify(value.slice(0, 30))}: ${status} ${text.slice(0, 200)}`).toContain(status);
          if (status !== 200) expect(JSON.parse(text).error).toMatchObject({ code: status === 400 ? "invalid" : "not_found", message: expect.any(String) });
          if (status === 404) expect(name).toBe("framework");
          seen.push(`${route.path}?${name}`);
        }
      }
    }
    expect(new Set(seen).size).toBeGreaterThanOrEqual(60);
    expect({ credentials: await count("credentials"), users: await count("users"), findings: await count("findings") }).toEqual(before);
  });

  const route = (path: string) => filtered.find((r) => r.path === path)!;
  const search = async (path: string, params: Record<string, string>) => {
    const { status, text } = await get(route(path), new URLSearchParams(params));
    expect(status, text).toBe(200);
    return JSON.parse(text);
  };

  test("a credential search for %, _ or \\ matches only the name that contains it; an ordinary search still matches", async () => {
    // Leash's own API tokens are credentials too, and their public ids (leash_…) do contain a literal "_".
    const names = async (q: string) =>
      (await search("/api/v1/credentials", { q })).items.filter((c: { provider: string }) => c.provider !== "leash").map((c: { name: string }) => c.name);
    expect(await names("alpha")).toEqual(["alpha-deploy-key"]);
    for (const wildcard of ["%", "_", "\\", "0%_o", "%_off\\d"]) expect(await names(wildcard), wildcard).toEqual(["100%_off\\deal"]);
    expect(await names("1_0")).toEqual([]);
  });

  test("findings, events and audit searches treat wildcards literally too", async () => {
    expect((await search("/api/v1/findings", { q: "alpha", status: "all" })).items.length).toBeGreaterThan(0);
    expect((await search("/api/v1/findings", { q: "%", status: "all" })).items.map((f: { subjectLabel: string }) => f.subjectLabel).filter((l: string) => !l.includes("%"))).toEqual([]);
    expect((await search("/api/v1/events", { q: "alpha" })).items.length).toBe(1);
    for (const q of ["%", "_"]) expect((await search("/api/v1/events", { q })).items, q).toEqual([]);
    expect((await search("/api/v1/events", { agent: "%" })).items).toEqual([]);
    expect((await search("/api/v1/audit", { action: "token." })).entries.length).toBeGreaterThan(0);
    for (const action of ["%", "_oken"]) expect((await search("/api/v1/audit", { action })).entries, action).toEqual([]);
    expect((await search("/api/v1/audit", { actor: "admin@" })).entries.length).toBeGreaterThan(0);
    expect((await search("/api/v1/audit", { actor: "%" })).entries).toEqual([]);
  });
});
