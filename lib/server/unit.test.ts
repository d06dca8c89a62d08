import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE } from "@/db/data-dir-lock";
import { chainHash, verifyChainBatch, type ChainRow } from "./audit-chain";
import { canonicalJson } from "./canonical-json";
import { permissionsFor, permissionTable } from "./permissions";
import { clientIp } from "./request-context";
import { safeCallback } from "./safe-callback";

describe("permission table", () => {
  test("auditors hold no permission that changes anything; building evidence only records a package of what is there", () => {
    const auditor = [...permissionsFor("auditor")];
    expect(auditor.filter((p) => !p.endsWith(":read"))).toEqual(["evidence:build"]);
    expect(auditor).toContain("audit:read");
  });
  test("engineers cannot manage users, teams or tokens, nor read the audit log", () => {
    const engineer = permissionsFor("engineer");
    for (const p of ["user:manage", "team:manage", "token:manage", "audit:read", "user:read"] as const) expect(engineer.has(p)).toBe(false);
  });
  test("admins hold every permission; a token narrows them to its scopes", () => {
    expect(permissionsFor("admin").size).toBe(Object.keys(permissionTable).length);
    const readOnly = permissionsFor("admin", ["read"]);
    expect([...readOnly].every((p) => p.endsWith(":read"))).toBe(true);
    expect(permissionsFor("admin", ["ingest"]).has("user:read")).toBe(false);
    expect(permissionsFor("auditor", ["admin"]).has("user:manage")).toBe(false);
  });
});

describe("audit chain", () => {
  const entry = (i: number) => ({
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
    actorType: "user",
    actorId: "u1",
    actorLabel: "a@x.test",
    action: `test.${i}`,
    targetType: null,
    targetId: null,
    outcome: "success",
    ip: null,
    requestId: null,
    details: { i, nested: { b: 1, a: 2 } },
  });
  function chain(n: number): ChainRow[] {
    const rows: ChainRow[] = [];
    for (let i = 0; i < n; i++) {
      const prevHash = rows.at(-1)?.hash ?? null;
      rows.push({ ...entry(i), seq: i + 1, prevHash, hash: chainHash(prevHash, entry(i)) });
    }
    return rows;
  }
  test("an intact chain verifies; key order in details does not matter", () => {
    const rows = chain(5);
    expect(verifyChainBatch(rows, { prevHash: null, entries: 0 })).toBeNull();
    expect(chainHash(null, { ...entry(0), details: { nested: { a: 2, b: 1 }, i: 0 } })).toBe(rows[0]!.hash);
  });
  test("a removed entry is named by the entry after the gap", () => {
    const rows = chain(5);
    rows.splice(2, 1);
    expect(verifyChainBatch(rows, { prevHash: null, entries: 0 })).toMatchObject({ brokenAt: 4, reason: expect.stringMatching(/removed/) });
  });
  test("an altered entry is named, even when its own hash was recomputed", () => {
    const rows = chain(5);
    rows[1] = { ...rows[1]!, action: "forged" };
    expect(verifyChainBatch(rows, { prevHash: null, entries: 0 })).toMatchObject({ brokenAt: 2, reason: expect.stringMatching(/altered/) });
    const resealed = chain(5);
    resealed[1] = { ...resealed[1]!, action: "forged", hash: chainHash(resealed[0]!.hash, { ...resealed[1]!, action: "forged" }) };
    expect(verifyChainBatch(resealed, { prevHash: null, entries: 0 })).toMatchObject({ brokenAt: 3 });
  });
});

test("canonical JSON sorts keys at every depth and drops undefined", () => {
  expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
});

test("client address: the hop the nearest proxy appended, not what the client claims", () => {
  expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.7" }))).toBe("10.0.0.7");
  expect(clientIp(new Headers({ "x-forwarded-for": "10.0.0.7" }))).toBe("10.0.0.7");
  expect(clientIp(new Headers())).toBeNull();
});

test("sign-in callback accepts same-site paths only", () => {
  expect(safeCallback("/settings/users?x=1")).toBe("/settings/users?x=1");
  for (const hostile of ["//evil.test", "/\\evil.test", "https://evil.test", "javascript:alert(1)", "/x\r\nSet-Cookie: a=b", null, 42]) {
    expect(safeCallback(hostile)).toBe("/overview");
  }
});

describe("embedded data folder lock", () => {
  test("a second holder is refused with a message naming the first; a stale lock is taken over", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "leash-lock-"));
    const release = acquireDataDirLock(dir, "leash server");
    let refusal: unknown;
    try {
      // The lock is per process: pretend to be another one by planting a live foreign pid (our parent's).
      writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, holder: "leash server", since: "t" }));
      acquireDataDirLock(dir, "leash cli");
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataDirLockedError);
    expect(String((refusal as Error).message)).toMatch(/in use by leash server \(pid \d+/);
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 17, holder: "dead", since: "t" }));
    const again = acquireDataDirLock(dir, "leash cli");
    again();
    release();
  });
});
