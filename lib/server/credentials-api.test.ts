import { NextRequest } from "next/server";
import { beforeAll, expect, test } from "vitest";
import { GET as exportCsv } from "@/app/api/v1/credentials/export.csv/route";
import { GET as listRoute, POST as bulkUpsert } from "@/app/api/v1/credentials/route";
import { GET as getRoute, PATCH as patchRoute } from "@/app/api/v1/credentials/[id]/route";
import { POST as uploadRoute } from "@/app/api/v1/imports/route";
import { describeEachEngine } from "./testing/test-db";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { createToken } from "./tokens";

const BASE = "http://leash.test";
const none = { params: Promise.resolve({}) as Promise<Record<string, never>> };
const id = (value: string) => ({ params: Promise.resolve({ id: value }) });

function csvFile(rows: string[]): string {
  return ["external_id,name,provider,kind,team,environments,agent_accessible", ...rows].join("\n") + "\n";
}

describeEachEngine("/api/v1 credentials and imports", () => {
  let f: IdentityFixture;
  let admin = "";
  let ingestOnly = "";
  let engineerA = "";
  let auditor = "";
  beforeAll(async () => {
    f = await seedIdentity();
    admin = (await createToken(f.admin, { name: "a", scopes: ["admin"], expiresInDays: 1 })).token;
    ingestOnly = (await createToken(f.admin, { name: "i", scopes: ["ingest"], expiresInDays: 1 })).token;
    engineerA = (await createToken(f.admin, { name: "e", scopes: ["admin"], expiresInDays: 1, userId: f.engineerA.userId })).token;
    auditor = (await createToken(f.admin, { name: "u", scopes: ["admin"], expiresInDays: 1, userId: f.auditor.userId })).token;
  });
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  test("multipart upload streams a file through the importer and answers the run report", async () => {
    const form = new FormData();
    form.append("format", "leash-csv");
    form.append("source", "upload");
    form.append("file", new Blob([csvFile(["u-1,Upload one,github,pat,Team A,production,true", "u-2,Upload two,aws,access_key,Team B,staging,false"])]), "inv.csv");
    const response = await uploadRoute(new NextRequest(`${BASE}/api/v1/imports`, { method: "POST", headers: auth(ingestOnly), body: form }), none);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ status: "applied", fileName: "inv.csv", counts: { created: 2 } });
  });

  test("an upload rejected whole answers 422 with the run and its row errors, nothing stored", async () => {
    const form = new FormData();
    form.append("format", "leash-csv");
    form.append("source", "rejected-upload");
    form.append("file", new Blob([csvFile(["r-1,Fine,github,pat,Team A,production,true", "r-2,Bad kind,aws,nonsense,Team A,staging,false"])]), "bad.csv");
    const response = await uploadRoute(new NextRequest(`${BASE}/api/v1/imports`, { method: "POST", headers: auth(admin), body: form }), none);
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ status: "rejected", fileName: "bad.csv", counts: { created: 0, rejected: 1 }, errors: [{ line: 3, field: "kind" }] });
  });

  test("an upload without format names the field; the file must come as multipart", async () => {
    const form = new FormData();
    form.append("file", new Blob(["x"]), "x.csv");
    const noFormat = await uploadRoute(new NextRequest(`${BASE}/api/v1/imports`, { method: "POST", headers: auth(admin), body: form }), none);
    expect(noFormat.status).toBe(400);
    expect((await noFormat.json()).error.fields).toEqual({ format: "unknown format" });
    const raw = await uploadRoute(new NextRequest(`${BASE}/api/v1/imports`, { method: "POST", headers: { ...auth(admin), "content-type": "text/csv" }, body: "a,b" }), none);
    expect(raw.status).toBe(400);
  });

  test("bulk JSON upsert, then list with filters and cursor pagination", async () => {
    const records = Array.from({ length: 7 }, (_, i) => ({ external_id: `j-${i}`, name: `json ${i}`, provider: "openai", kind: "api_token", team: "Team A", agent_accessible: i % 2 === 0 }));
    const created = await bulkUpsert(new NextRequest(`${BASE}/api/v1/credentials?source=json`, { method: "POST", headers: auth(admin), body: JSON.stringify(records) }), none);
    expect(created.status).toBe(201);
    expect((await created.json()).counts).toMatchObject({ created: 7 });
    const seen: string[] = [];
    let cursor = "";
    for (let pages = 0; pages < 5; pages++) {
      const url = `${BASE}/api/v1/credentials?provider=openai&agentAccessible=true&limit=2&sort=name${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await (await listRoute(new NextRequest(url, { headers: auth(admin) }), none)).json();
      expect(page.total).toBe(4);
      seen.push(...page.items.map((i: { name: string }) => i.name));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(["json 0", "json 2", "json 4", "json 6"]);
    const bad = await listRoute(new NextRequest(`${BASE}/api/v1/credentials?noExpiry=yes`, { headers: auth(admin) }), none);
    expect(bad.status).toBe(400);
    const badRun = await listRoute(new NextRequest(`${BASE}/api/v1/credentials?updatedByImport=latest`, { headers: auth(admin) }), none);
    expect(badRun.status).toBe(400);
    expect(Object.keys((await badRun.json()).error.fields)).toEqual(["updatedByImport"]);
  });

  test("a credential whose source still says active after its expiry or revocation is listed, filtered and counted as what it is now", async () => {
    const day = 86_400_000;
    const at = (offset: number) => new Date(Date.now() + offset).toISOString();
    const records = [
      { external_id: "st-live", name: "status live", provider: "statuscheck", kind: "api_token", team: "Team A", status: "active", expires_at: at(30 * day), agent_accessible: true, environments: [] },
      { external_id: "st-expired", name: "status expired", provider: "statuscheck", kind: "api_token", team: "Team A", status: "active", expires_at: at(-10 * day), agent_accessible: true, environments: [] },
      { external_id: "st-revoked", name: "status revoked", provider: "statuscheck", kind: "api_token", team: "Team A", revoked_at: at(-day), agent_accessible: true, environments: [] },
      { external_id: "st-unstated", name: "status unstated", provider: "statuscheck", kind: "api_token", team: "Team A", agent_accessible: true, environments: [] },
    ];
    const created = await bulkUpsert(new NextRequest(`${BASE}/api/v1/credentials?source=status`, { method: "POST", headers: auth(admin), body: JSON.stringify(records) }), none);
    expect(created.status).toBe(201);
    const list = async (query: string) =>
      ((await (await listRoute(new NextRequest(`${BASE}/api/v1/credentials?provider=statuscheck&sort=name&${query}`, { headers: auth(admin) }), none)).json()).items as { name: string; status: string | null }[]).map((i) => `${i.name}: ${i.status}`);
    expect(await list("")).toEqual(["status expired: expired", "status live: active", "status revoked: revoked", "status unstated: null"]);
    expect(await list("status=expired")).toEqual(["status expired: expired"]);
    expect(await list("status=active,unknown")).toEqual(["status live: active", "status unstated: null"]);
    // The Overview counts the valid ones only (neither revoked nor expired), each number the total of the list it links to.
    const { overview } = await import("./overview");
    const { loadViewer } = await import("./viewer");
    const counts = (await overview((await loadViewer(f.admin.userId, { via: "session" }))!)).credentials;
    const total = async (query: string) => (await (await listRoute(new NextRequest(`${BASE}/api/v1/credentials?${query}`, { headers: auth(admin) }), none)).json()).total as number;
    expect(counts.agentAccessible).toBe(await total("agentAccessible=true&status=active,disabled,unknown"));
    expect(counts.untagged).toBe(await total("environment=untagged&status=active,disabled,unknown"));
    expect(counts.neverExpires).toBe(await total("noExpiry=true&status=active,disabled,unknown"));
    expect(counts.agentAccessible).toBe((await total("agentAccessible=true")) - 2);
  });

  test("engineers: 404 for another team's credential, 403 for auditors' edits; formula cells are refused; CSV export is scoped", async () => {
    const list = await (await listRoute(new NextRequest(`${BASE}/api/v1/credentials?q=Upload%20two`, { headers: auth(admin) }), none)).json();
    const teamB = list.items[0].id as string;
    expect((await getRoute(new NextRequest(`${BASE}/api/v1/credentials/${teamB}`, { headers: auth(engineerA) }), id(teamB))).status).toBe(404);
    const patch = (token: string) =>
      patchRoute(new NextRequest(`${BASE}/api/v1/credentials/${teamB}`, { method: "PATCH", headers: auth(token), body: JSON.stringify({ storage: "vault" }) }), id(teamB));
    expect((await patch(auditor)).status).toBe(403);
    expect((await patch(engineerA)).status).toBe(404);
    expect((await patch(admin)).status).toBe(200);

    const hostile = await bulkUpsert(
      new NextRequest(`${BASE}/api/v1/credentials?source=hostile`, {
        method: "POST",
        headers: auth(admin),
        body: JSON.stringify([{ external_id: "h-1", name: "=HYPERLINK(1)", provider: "aws", kind: "other", team: "Team A" }]),
      }),
      none,
    );
    const report = await hostile.json();
    expect(hostile.status).toBe(422);
    expect(report.status).toBe("rejected");
    expect(report.errors[0]).toMatchObject({ line: 1, field: "name" });
    const text = await (await exportCsv(new NextRequest(`${BASE}/api/v1/credentials/export.csv`, { headers: auth(engineerA) }), none)).text();
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toMatch(/^id,source,external_id,team_id,name,provider/);
    expect(text).not.toContain("Upload two");
    expect(text).toContain("Upload one");
  });
});
