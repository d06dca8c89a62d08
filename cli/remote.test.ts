import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { callApi } from "./remote";

// A server answering every request 422 with a run report, as POST /api/v1/imports answers a rejected run.
let server: Server;
let url = "";
const run = { status: "rejected", errors: [{ line: 3, field: "kind", reason: "not a kind" }] };

beforeAll(async () => {
  server = createServer((_request, response) => response.writeHead(422, { "content-type": "application/json" }).end(JSON.stringify(run)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("a status the caller answers to gives its body (the rejected run's report); any other error status throws", async () => {
  await expect(callApi({ server: url, token: "t" }, "/api/v1/imports", { method: "POST" }, [422])).resolves.toEqual(run);
  await expect(callApi({ server: url, token: "t" }, "/api/v1/imports", { method: "POST" })).rejects.toThrow(/^422 /);
});
