import { instanceKeyCheck } from "../scans";
import type { SecurityWorkspace } from "./security-workspace";

/**
 * How the security suites call each /api/v1 route: the ids for its path, and a minimal valid body, so that the
 * status a caller gets reflects authorization rather than bad input. Keyed "METHOD path" like apiRoutes; a route
 * without an entry here fails the permission matrix.
 */
export type RouteCase = {
  params?: (w: SecurityWorkspace) => Record<string, string>;
  search?: (w: SecurityWorkspace) => string;
  /** A fresh body per call; `n` numbers the call so names and references never collide. */
  body?: (w: SecurityWorkspace, n: number) => { body: BodyInit; type?: string };
  /** The object in the path is team A's (or engineer A's): engineer B is answered 404, engineer A is not. */
  teamA?: true;
  /** For routes without a permission: the status every caller gets, signed in or not. */
  public?: number;
};

const json = (value: unknown) => ({ body: JSON.stringify(value), type: "application/json" });
const text = (value: string, type = "text/plain") => ({ body: value, type });

function upload(fields: Record<string, string>, content: string, name: string) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append("file", new Blob([content]), name); // fields first: the server streams the file part
  return { body: form };
}

const soon = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const credentialRecord = (n: number) => [{ external_id: `matrix-${n}`, provider: "aws", kind: "access_key", team: "Team A" }];

export const routeCases: Record<string, RouteCase> = {
  "GET /api/v1/health": { public: 200 },
  "GET /api/v1/me": {},
  "GET /api/v1/users": {},
  "POST /api/v1/users": { body: (_, n) => json({ email: `matrix-${n}@fixture.test`, name: "Matrix user", role: "engineer" }) },
  "PATCH /api/v1/users/{id}": { params: (w) => ({ id: w.ids.victimUser }), body: (_, n) => json({ name: `Victim ${n}` }) },
  "GET /api/v1/teams": {},
  "POST /api/v1/teams": { body: (_, n) => json({ name: `Matrix team ${n}` }) },
  "GET /api/v1/teams/{id}": { params: (w) => ({ id: w.teamA }), teamA: true },
  "GET /api/v1/tokens": {},
  "POST /api/v1/tokens": { body: (_, n) => json({ name: `matrix ${n}`, scopes: ["read"], expiresInDays: 1 }) },
  "DELETE /api/v1/tokens/{id}": { params: (w) => ({ id: w.ids.victimToken }) },
  "GET /api/v1/audit": { search: () => "limit=5" },
  "GET /api/v1/audit/verify": {},
  "GET /api/v1/credentials": {},
  "POST /api/v1/credentials": { search: () => "source=matrix-api", body: (_, n) => json(credentialRecord(n)) },
  "GET /api/v1/credentials/{id}": { params: (w) => ({ id: w.ids.credentialA }), teamA: true },
  "PATCH /api/v1/credentials/{id}": { params: (w) => ({ id: w.ids.credentialA }), body: () => json({ review: true }), teamA: true },
  "GET /api/v1/credentials/{id}/history": { params: (w) => ({ id: w.ids.credentialA }), teamA: true },
  "GET /api/v1/credentials/export.csv": {},
  "GET /api/v1/credentials/template.csv": {},
  "GET /api/v1/imports": {},
  "POST /api/v1/imports": { body: (_, n) => upload({ format: "leash-json", source: "matrix-upload" }, JSON.stringify(credentialRecord(n)), "c.json") },
  "POST /api/v1/imports/preview": { body: (_, n) => upload({ format: "leash-json" }, JSON.stringify(credentialRecord(n)), "c.json") },
  "GET /api/v1/imports/{id}": { params: (w) => ({ id: w.ids.importRunA }), teamA: true },
  "GET /api/v1/posture": {},
  "GET /api/v1/posture/trend": { search: () => "days=7" },
  "GET /api/v1/controls/{framework}/{control}": { params: () => ({ framework: "soc2", control: "CC6.1" }) },
  "GET /api/v1/findings": {},
  "GET /api/v1/findings/summary": {},
  "POST /api/v1/findings/bulk": { body: (w) => json({ ids: [w.ids.findingA], status: "in_progress" }), teamA: true },
  "GET /api/v1/findings/{id}": { params: (w) => ({ id: w.ids.findingA }), teamA: true },
  "PATCH /api/v1/findings/{id}": { params: (w) => ({ id: w.ids.findingA }), body: () => json({ status: "in_progress" }), teamA: true },
  "POST /api/v1/findings/{id}/verify": { params: (w) => ({ id: w.ids.findingA }), teamA: true },
  "POST /api/v1/findings/{id}/exceptions": {
    params: (w) => ({ id: w.ids.findingA }),
    body: () => json({ justification: "Replaced by a short-lived role within the month.", expiresAt: soon(14) }),
    teamA: true,
  },
  "GET /api/v1/exceptions": {},
  // Requested by engineer A, so an admin may decide it; rejecting keeps the finding open for the other routes.
  "POST /api/v1/exceptions/{id}/decision": { params: (w) => ({ id: w.ids.exceptionA }), body: () => json({ decision: "reject", note: "matrix" }) },
  "GET /api/v1/evaluations": {},
  "POST /api/v1/evaluations": {},
  "GET /api/v1/settings/rule-parameters": {},
  "PUT /api/v1/settings/rule-parameters": { body: () => json({}) },
  "GET /api/v1/settings/notifications": {},
  "PUT /api/v1/settings/notifications": { body: () => json({ webhookUrl: null, minSeverity: "critical" }) },
  "GET /api/v1/evidence": {},
  "POST /api/v1/evidence": { body: () => json({ framework: "soc2" }) },
  "GET /api/v1/evidence/{id}/download": { params: (w) => ({ id: w.ids.evidencePackage }) },
  "GET /api/v1/evidence/public-key": { public: 200 },
  "GET /api/v1/jobs": {},
  "GET /api/v1/jobs/{id}": { params: (w) => ({ id: w.ids.jobA }), teamA: true },
  "GET /api/v1/settings/mapping-rules": {},
  "PUT /api/v1/settings/mapping-rules": { body: () => json({ rules: [] }) },
  "GET /api/v1/settings/environment-rules": {},
  "PUT /api/v1/settings/environment-rules": { body: () => json({ rules: [] }) },
  "GET /api/v1/events": {},
  "POST /api/v1/events": {
    body: (_, n) => text(`${JSON.stringify({ event_id: `matrix-${n}`, occurred_at: new Date().toISOString(), operation: "GetObject", outcome: "success", actor_type: "service" })}\n`, "application/x-ndjson"),
  },
  "POST /api/v1/events/cloudtrail": { body: () => json({ Records: [] }) },
  "POST /api/v1/events/pgaudit": { body: () => text("") },
  "GET /api/v1/events/summary": { search: () => "days=7" },
  "GET /api/v1/events/{id}": { params: (w) => ({ id: w.ids.eventA }), teamA: true },
  "GET /api/v1/approvals": {},
  "POST /api/v1/approvals": {
    body: (_, n) =>
      json({ approver: "lead@fixture.test", requester: "dev@fixture.test", operation: "DeleteDBInstance", resource: "db/orders", environment: "production", approvedAt: new Date().toISOString(), expiresAt: soon(1), reference: `MATRIX-${n}`, channel: "ticket" }),
  },
  // Authenticated by its signature alone: a session or token is no substitute.
  "POST /api/v1/approvals/webhook": { public: 401, body: () => json({ approver: "a@x.test" }) },
  "GET /api/v1/schemas/event.json": { public: 200 },
  "GET /api/v1/corpora": {},
  "POST /api/v1/corpora": { body: (_, n) => json({ name: `Matrix corpus ${n}`, kind: "file_tree", agentReadable: false }) },
  "GET /api/v1/corpora/{id}": { params: (w) => ({ id: w.ids.corpus }) },
  "PATCH /api/v1/corpora/{id}": { params: (w) => ({ id: w.ids.scratchCorpus }), body: (_, n) => json({ readers: [`reader ${n}`] }) },
  "POST /api/v1/corpora/{id}/scans": { params: (w) => ({ id: w.ids.scratchCorpus }), search: () => "file=notes.md", body: () => text("# nothing secret here\n") },
  "POST /api/v1/corpora/{id}/scan-results": {
    params: (w) => ({ id: w.ids.scratchCorpus }),
    body: () => json({ scannerVersion: "matrix", keyCheck: instanceKeyCheck(), startedAt: new Date().toISOString(), stats: { files: 0, bytes: 0 }, findings: [] }),
  },
  "GET /api/v1/scans": { search: (w) => `corpusId=${w.ids.corpus}` },
  "GET /api/v1/scans/key-check": {},
  "GET /api/v1/secret-findings": {},
  "GET /api/v1/secret-findings/{id}": { params: (w) => ({ id: w.ids.secretFindingA }), teamA: true },
  "GET /api/v1/openapi.json": { public: 200 },
};
