import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import type { Permission } from "./permissions";
import { permissions } from "./permissions";

// Server actions are POST endpoints like any route: each exported one is listed here with the authorization it
// needs, and a new one fails this test until it is. (That a foreign Origin is refused: e2e/xss.spec.ts.)

type ActionRule =
  | { auth: "none"; why: string }
  /** The action loads the viewer (requireViewer) and calls a data access function that checks this permission. */
  | { auth: "permission"; permission: Permission };

const actionMatrix: Record<string, ActionRule> = {
  "app/(auth)/signin/actions.ts#signInAction": { auth: "none", why: "signing in: the password check is the authentication (rate-limited, audited)" },
  "app/(auth)/signin/actions.ts#signInWithOidcAction": { auth: "none", why: "starts single sign-on; the identity provider authenticates" },
  "app/(dashboard)/actions.ts#signOutAction": { auth: "none", why: "ends the caller's own session" },
};

// What an action without authorization may import: the sign-in machinery, never the data access layer.
const PUBLIC_ACTION_IMPORTS = ["next-auth", "@/lib/server/auth", "@/lib/server/safe-callback"];

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.posix.join(dir, name);
    return statSync(path.join(ROOT, rel)).isDirectory() ? sourceFiles(rel) : /\.(ts|tsx)$/.test(name) ? [rel] : [];
  });
}

const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const directive = /^\s*["']use server["'];?\s*$/m;
const actionFiles = () => sourceFiles("app").filter((file) => directive.test(read(file)));

test("server actions live only in files that begin with \"use server\" (no inline actions inside components)", () => {
  const files = [...sourceFiles("app"), ...sourceFiles("components"), ...sourceFiles("lib")].filter((f) => !f.endsWith(".test.ts"));
  const inline = files.filter((file) => directive.test(read(file)) && !/^(\s*\/\/[^\n]*\n|\s*\/\*[\s\S]*?\*\/)*\s*["']use server["']/.test(read(file)));
  expect(inline).toEqual([]);
  expect(files.filter((f) => !f.startsWith("app/") && directive.test(read(f)))).toEqual([]);
  expect(actionFiles().length).toBeGreaterThan(0);
});

test("every exported server action has a row in the action matrix, and every row an action", async () => {
  const exported: string[] = [];
  for (const file of actionFiles()) {
    const names = [...read(file).matchAll(/export\s+(?:async\s+function|function|const|let)\s+(\w+)/g)].map((m) => m[1]!);
    const functions = [...read(file).matchAll(/export\s+(?:async\s+)?function\s+(\w+)/g)].map((m) => m[1]!);
    // "use server" files may export only async functions (Next enforces it at build); types are erased.
    expect(names, file).toEqual(functions);
    exported.push(...names.map((name) => `${file}#${name}`));
  }
  expect(exported.sort()).toEqual(Object.keys(actionMatrix).sort());
});

test("actions that need no authorization cannot reach the data access layer; the others load the viewer first", () => {
  for (const [id, rule] of Object.entries(actionMatrix)) {
    const file = id.split("#")[0]!;
    const imports = [...read(file).matchAll(/from\s+["']([^"']+)["']/g)].map((m) => m[1]!);
    if (rule.auth === "none") {
      expect(rule.why.length, id).toBeGreaterThan(10);
      expect(imports.filter((i) => !PUBLIC_ACTION_IMPORTS.includes(i)), id).toEqual([]);
    } else {
      expect(permissions, id).toContain(rule.permission);
      expect(imports, id).toContain("@/lib/server/session");
      expect(read(file), id).toMatch(/await requireViewer\(\)/);
    }
  }
});
