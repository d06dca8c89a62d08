import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { apiRoutes } from "./api-routes";
import { openApiDocument } from "./openapi";
import { permissionTable } from "./permissions";

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? routeFiles(full) : name === "route.ts" ? [full] : [];
  });
}

/** What the file system serves: every exported HTTP method of every route file under app/api/v1. */
function servedRoutes(): string[] {
  return routeFiles("app/api/v1").flatMap((file) => {
    const url = `/${path.dirname(file).replace(/^app\//, "").replace(/\[(\w+)\]/g, "{$1}")}`;
    const text = readFileSync(file, "utf8");
    return [...text.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => `${m[1]} ${url}`);
  });
}

test("the route table lists exactly the routes the app serves (adding a route without describing it fails)", () => {
  expect(apiRoutes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(servedRoutes().sort());
});

test("each route file checks the permission the table names", () => {
  for (const route of apiRoutes.filter((r) => r.permission)) {
    const file = `app${route.path.replace(/\{(\w+)\}/g, "[$1]")}/route.ts`;
    const text = readFileSync(file, "utf8");
    const block = text.slice(text.search(new RegExp(`export const ${route.method}\\b`)));
    expect(block.match(/permission: "([a-z:]+)"/)?.[1], `${route.method} ${route.path}`).toBe(route.permission);
    expect(Object.keys(permissionTable)).toContain(route.permission);
  }
});

test("the OpenAPI document is 3.1 with request schemas from zod", () => {
  const doc = openApiDocument("0.0.0") as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> }; parameters?: { name: string }[] }>> };
  expect(doc.openapi).toBe("3.1.0");
  const createUser = doc.paths["/api/v1/users"]!.post!.requestBody!.content["application/json"]!.schema;
  expect(Object.keys(createUser.properties).sort()).toEqual(["auditScope", "email", "name", "password", "role", "teamIds"]);
  expect(doc.paths["/api/v1/credentials"]!.get!.parameters!.map((p) => p.name)).toContain("expiringWithinDays");
});

test("an import answers 201 when applied and 422 with the run when rejected, and the document says so", () => {
  const responses = (method: string, path: string) => Object.keys((openApiDocument("0.0.0") as { paths: Record<string, Record<string, { responses: object }>> }).paths[path]![method]!.responses);
  expect(responses("post", "/api/v1/imports")).toEqual(expect.arrayContaining(["201", "422"]));
  expect(responses("post", "/api/v1/credentials")).toEqual(expect.arrayContaining(["201", "422"]));
  expect(responses("post", "/api/v1/users")).not.toContain("422");
});

test("approvals: one or a batch (a JSON array or NDJSON), and the document names each answer", () => {
  type Op = { requestBody: { content: Record<string, { schema: { anyOf?: unknown[]; properties?: object } }> }; responses: Record<string, { description: string }> };
  const post = (openApiDocument("0.0.0") as { paths: Record<string, Record<string, Op>> }).paths["/api/v1/approvals"]!.post!;
  expect(Object.keys(post.requestBody.content).sort()).toEqual(["application/json", "application/x-ndjson"]);
  expect(post.requestBody.content["application/json"]!.schema.anyOf).toHaveLength(2); // an approval, or an array of them
  expect(Object.keys(post.requestBody.content["application/x-ndjson"]!.schema.properties!)).toContain("approvedAt");
  expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(["200", "201", "409", "422"]));
  expect(post.responses["200"]!.description).toMatch(/duplicate: true/);
});

test("list responses are described: events with their attribution and flag reasons, approvals and evidence packages paged by cursor", () => {
  type Schema = { properties: Record<string, Schema & { items?: Schema }>; required?: string[] };
  type Operation = { parameters?: { name: string }[]; responses: Record<string, { content: Record<string, { schema?: Schema }> }> };
  const doc = openApiDocument("0.0.0") as { paths: Record<string, Record<string, Operation>> };
  const body = (path: string) => doc.paths[path]!.get!.responses["200"]!.content["application/json"]!.schema!;
  const event = body("/api/v1/events").properties.items!.items!;
  expect(event.required).toEqual(expect.arrayContaining(["attributionReason", "flagReasons", "unapprovedDestructive"]));
  expect(event.properties.flagReasons).toMatchObject({ propertyNames: { enum: ["unapprovedDestructive", "crossEnv", "afterExpiry"] }, additionalProperties: { type: "string" } });
  expect(Object.keys(body("/api/v1/approvals").properties)).toEqual(["approvals", "nextCursor"]);
  expect(doc.paths["/api/v1/approvals"]!.get!.parameters!.map((p) => p.name)).toEqual(["limit", "cursor"]);
  expect(Object.keys(body("/api/v1/evidence").properties)).toEqual(["packages", "nextCursor"]);
  expect(body("/api/v1/evidence").properties.packages!.items!.required).toEqual(expect.arrayContaining(["id", "framework", "scope", "sha256", "createdAt", "createdBy"]));
  expect(doc.paths["/api/v1/evidence"]!.get!.parameters!.map((p) => p.name)).toEqual(["limit", "cursor"]);
});
