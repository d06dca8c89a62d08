import { z } from "zod";
import { apiRoutes, type ApiRoute } from "./api-routes";
import { statusOf } from "./errors";

const errorBody = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "requestId"],
      properties: {
        code: { type: "string", enum: [...Object.keys(statusOf), "internal"] },
        message: { type: "string" },
        requestId: { type: "string" },
        fields: { type: "object", additionalProperties: { type: "string" } },
      },
    },
  },
};

/**
 * Requests and responses alike as a schema accepts them ("input"): described as output, every object of a response
 * would forbid other properties, and a field added later would contradict the document clients were generated from.
 */
function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
}

function requestContent(route: ApiRoute): Record<string, unknown> {
  const content: Record<string, unknown> = { [route.requestType ?? "application/json"]: { schema: jsonSchema(route.body!) } };
  if (route.ndjsonLine) content["application/x-ndjson"] = { schema: jsonSchema(route.ndjsonLine), description: "One JSON object a line, each this schema; blank lines are skipped" };
  return content;
}

function operation(route: ApiRoute): Record<string, unknown> {
  const parameters = [
    ...[...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } })),
    ...Object.entries(route.query?.shape ?? {}).map(([name, schema]) => ({ name, in: "query", required: false, schema: jsonSchema(schema as z.ZodType) })),
    ...(route.job ? [{ name: "Prefer", in: "header", required: false, description: "`respond-async`: answer 202 with the job at once", schema: { type: "string", enum: ["respond-async"] } }] : []),
  ];
  const responses: Record<string, unknown> = {
    [route.created ? "201" : "200"]: { description: "OK", content: { [route.responseType ?? "application/json"]: route.response ? { schema: jsonSchema(route.response) } : {} } },
    "400": { description: "Invalid input; `fields` names each bad field", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
  };
  if (route.permission) {
    responses["401"] = { description: "No valid session or token", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
    responses["403"] = { description: `Lacks ${route.permission}`, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  }
  if (route.importRun) responses["422"] = { description: "The import run was rejected or failed: nothing was stored. The body is the run, as with 201, its `errors` naming each rejected row", content: { "application/json": {} } };
  if (route.ingestRun) responses["422"] = { description: "Every line was rejected: nothing was stored. The body is the ingest report, as with 200, its `errors` naming each rejected line", content: { "application/json": {} } };
  if (route.job) responses["202"] = { description: "Accepted as a job (`Prefer: respond-async`); follow it at the Location header, /api/v1/jobs/{id}" };
  for (const [status, description] of Object.entries(route.answers ?? {})) {
    responses[status] = { description, content: { "application/json": Number(status) >= 400 ? { schema: { $ref: "#/components/schemas/Error" } } : {} } };
  }
  if (route.path.includes("{")) responses["404"] = { description: "Not found (also for another team's resources)" };
  if (route.method !== "GET" && route.method !== "DELETE") responses["413"] = { description: "Body or upload larger than its limit", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  return {
    summary: route.summary,
    ...(route.permission ? { "x-leash-permission": route.permission, security: [{ bearer: [] }, { session: [] }] } : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body ? { requestBody: { required: true, content: requestContent(route) } } : {}),
    responses,
  };
}

/** OpenAPI 3.1 for every /api/v1 route, generated from the route table and its zod schemas. */
export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of apiRoutes) (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  return {
    openapi: "3.1.0",
    info: { title: "Leash API", version, description: "Credential posture for the age of AI agents. Authenticate with `Authorization: Bearer <token>`." },
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: { Error: errorBody },
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API token from Settings → API tokens" },
        session: { type: "apiKey", in: "cookie", name: "authjs.session-token" },
      },
    },
  };
}
