import { beforeAll, expect, test } from "vitest";
import { GET as exportCsv } from "@/app/api/v1/credentials/export.csv/route";
import { GET as listRoute, POST as bulkUpsert } from "@/app/api/v1/credentials/route";
import { GET as getRoute, PATCH as patchRoute } from "@/app/api/v1/credentials/[id]/route";
import { POST as uploadRoute } from "@/app/api/v1/imports/route";
import { apiRequest, bearerToken, idParams, noParams } from "./testing/api-client";
import { describeEachEngine } from "./testing/test-db";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";

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
    admin = await bearerToken(f, ["admin"]);
    ingestOnly = await bearerToken(f, ["ingest"]);
    engineerA = await bearerToken(f, ["admin"], f.engineerA);
    auditor = await bearerToken(f, ["admin"], f.auditor);
  });
  /** A multipart import: its fields, then the file part (its lines: csvFile). */
  const upload = (token: string, fields: Record<string, string>, file: { name: string; text: string }) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append("file", new Blob([file.text]), file.name);
    return uploadRoute(apiRequest("POST", "/api/v1/imports", token, form), noParams);
  };

  test("multipart upload streams a file through the importer and answers the run report", async () => {
    const file = { name: "inv.csv", text: csvFile(["u-1,Upload one,github,pat,Team A,production,true", "u-2,Upload two,aws,access_key,Team B,staging,false"]) };
    const response = await upload(ingestOnly, { format: "leash-csv", source: "upload" }, file);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ status: "applied", fileName: "inv.csv", counts: { created: 2 } });
  });

  test("an upload rejected whole answers 422 with the run and its row errors, nothing stored", async () => {
    const file = { name: "bad.csv", text: csvFile(["r-1,Fine,github,pat,Team A,production,true", "r-2,Bad kind,aws,nonsense,Team A,staging,false"]) };
    const response = await upload(admin, { format: "leash-csv", source: "rejected-upload" }, file);
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ status: "rejected", fileName: "bad.csv", counts: { created: 0, rejected: 1 }, errors: [{ line: 3, field: "kind" }] });
  });

  test("an upload without format names the field; the file must come as multipart", async () => {
    const noFormat = await upload(admin, {}, { name: "x.csv", text: "x" });
    expect(noFormat.status).toBe(400);
    expect((await noFormat.json()).error.fields).toEqual({ format: "unknown format" });
    const raw = await uploadRoute(apiRequest("POST", "/api/v1/imports", admin, "a,b", { "content-type": "text/csv" }), noParams);
    expect(raw.status).toBe(400);
  });

  test("bulk JSON upsert, then list with filters and cursor pagination", async () => {
    const records = Array.from({ length: 7 }, (_, i) => ({ external_id: `j-${i}`, name: `json ${i}`, provider: "openai", kind: "api_token", team: "Team A", agent_accessible: i % 2 === 0 }));
    const created = await bulkUpsert(apiRequest("POST", "/api/v1/credentials?source=json", admin, records), noParams);
    expect(created.status).toBe(201);
    expect((await created.json()).counts).toMatchObject({ created: 7 });
    const seen: string[] = [];
    let cursor = "";
    for (let pages = 0; pages < 5; pages++) {
      const url = `/api/v1/credentials?provider=openai&agentAccessible=true&limit=2&sort=name${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await (await listRoute(apiRequest("GET", url, admin), noParams)).json();
      expect(page.total).toBe(4);
      seen.push(...page.items.map((i: { name: string }) => i.name));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(["json 0", "json 2", "json 4", "json 6"]);
    const bad = await listRoute(apiRequest("GET", "/api/v1/credentials?noExpiry=yes", admin), noParams);
    expect(bad.status).toBe(400);
    const badRun = await listRoute(apiRequest("GET", "/api/v1/credentials?updatedByImport=latest", admin), noParams);
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
    const created = await bulkUpsert(apiRequest("POST", "/api/v1/credentials?source=status", admin, records), noParams);
    expect(created.status).toBe(201);
    const list = async (query: string) =>
      ((await (await listRoute(apiRequest("GET", `/api/v1/credentials?provider=statuscheck&sort=name&${query}`, admin), noParams)).json()).items as { name: string; status: string | null }[]).map((i) => `${i.name}: ${i.status}`);
    expect(await list("")).toEqual(["status expired: expired", "status live: active", "status revoked: revoked", "status unstated: null"]);
    expect(await list("status=expired")).toEqual(["status expired: expired"]);
    expect(await list("status=active,unknown")).toEqual(["status live: active", "status unstated: null"]);
    // The Overview counts the valid ones only (neither revoked nor expired), each number the total of the list it links to.
    const { overview } = await import("./overview");
    const { loadViewer } = await import("./viewer");
    const counts = (await overview((await loadViewer(f.admin.userId, { via: "session" }))!)).credentials;
    const total = async (query: string) => (await (await listRoute(apiRequest("GET", `/api/v1/credentials?${query}`, admin), noParams)).json()).total as number;
    expect(counts.agentAccessible).toBe(await total("agentAccessible=true&status=active,disabled,unknown"));
    expect(counts.untagged).toBe(await total("environment=untagged&status=active,disabled,unknown"));
    expect(counts.neverExpires).toBe(await total("noExpiry=true&status=active,disabled,unknown"));
    expect(counts.agentAccessible).toBe((await total("agentAccessible=true")) - 2);
  });

  test("engineers: 404 for another team's credential, 403 for auditors' edits; formula cells are refused; CSV export is scoped", async () => {
    const list = await (await listRoute(apiRequest("GET", "/api/v1/credentials?q=Upload%20two", admin), noParams)).json();
    const teamB = list.items[0].id as string;
    expect((await getRoute(apiRequest("GET", `/api/v1/credentials/${teamB}`, engineerA), idParams(teamB))).status).toBe(404);
    const patch = (token: string) =>
      patchRoute(apiRequest("PATCH", `/api/v1/credentials/${teamB}`, token, { storage: "vault" }), idParams(teamB));
    expect((await patch(auditor)).status).toBe(403);
    expect((await patch(engineerA)).status).toBe(404);
    expect((await patch(admin)).status).toBe(200);

    const hostile = await bulkUpsert(
      apiRequest("POST", "/api/v1/credentials?source=hostile", admin, [{ external_id: "h-1", name: "=HYPERLINK(1)", provider: "aws", kind: "other", team: "Team A" }]),
      noParams,
    );
    const report = await hostile.json();
    expect(hostile.status).toBe(422);
    expect(report.status).toBe("rejected");
    expect(report.errors[0]).toMatchObject({ line: 1, field: "name" });
    const text = await (await exportCsv(apiRequest("GET", "/api/v1/credentials/export.csv", engineerA), noParams)).text();
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toMatch(/^id,source,external_id,team_id,name,provider/);
    expect(text).not.toContain("Upload two");
    expect(text).toContain("Upload one");
  });
});
