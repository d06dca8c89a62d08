import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { describe, expect, test } from "vitest";
import { registerCommands } from "@/cli/commands";
import { eventFormats } from "@/lib/domain/activity-event";
import type { PostureDto } from "@/lib/domain/posture";
import { CREDENTIAL_FORMATS } from "@/lib/ingest/credentials/registry";
import { RULES } from "@/lib/rules";
import { DETECTORS } from "@/lib/scanner/detectors";
import { apiRoutes } from "@/lib/server/api-routes";
import { envSchema } from "@/lib/server/env";
import { statusOf } from "@/lib/server/errors";

/**
 * The lists and numbers README.md and docs/deployment.md state, held to the code they describe: a route, format,
 * command, flag or variable added or renamed without its documentation fails here.
 */

const readme = readFileSync("README.md", "utf8");
const deployment = readFileSync("docs/deployment.md", "utf8");

/** The section under a `## ` heading, up to the next one. */
function section(doc: string, heading: string): string {
  const start = doc.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`no section "${heading}"`);
  const end = doc.indexOf("\n## ", start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

/** The body rows of the markdown tables in a text, each as its cells (an escaped `\|` stays in its cell). */
function tableRows(text: string): string[][] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("| ") && !/^\|[-| ]+\|$/.test(line))
    .map((line) => line.slice(2, -2).split(/ (?<!\\)\| /));
}

const codeSpans = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

describe("README: HTTP API", () => {
  const rows = tableRows(section(readme, "HTTP API")).filter(([route]) => /`(GET|POST|PUT|PATCH|DELETE)\b/.test(route!));
  // "`GET`/`PUT /api/v1/x`" names two methods of one path; a query string is an example, not part of the path.
  const routesOf = (cell: string) =>
    [...cell.matchAll(/`((?:[A-Z]+`\/`)*)([A-Z]+) ([^`?\s]+)/g)].flatMap((m) => [...m[1]!.split("`/`").filter(Boolean), m[2]!].map((method) => `${method} ${m[3]}`));

  test("the route table lists exactly the routes of api-routes.ts, each by its full path", () => {
    const documented = rows.flatMap(([cell]) => routesOf(cell!));
    for (const route of documented) expect(route).toMatch(/^[A-Z]+ \/api\/v1\//);
    expect([...documented].sort()).toEqual(apiRoutes.map((r) => `${r.method} ${r.path}`).sort());
  });

  test("each row names the permission of every route in it", () => {
    for (const [cell, permissions] of rows) {
      for (const route of routesOf(cell!)) {
        const permission = apiRoutes.find((r) => `${r.method} ${r.path}` === route)?.permission;
        if (permission) expect(permissions, route).toContain(permission);
      }
    }
  });

  test("the error statuses are the ones the API answers with", () => {
    const sentence = /with status ([^;]+?); a 500/.exec(section(readme, "HTTP API"))?.[1] ?? "";
    const documented = [...sentence.matchAll(/\d{3}/g)].map((m) => Number(m[0]));
    expect(documented.sort()).toEqual([...new Set([...Object.values(statusOf), 500])].sort());
  });

  test("the posture JSON for scripts names every field of PostureDto", () => {
    const shape = /`GET \/api\/v1\/posture` and `leash posture --format json` return `(\{[^`]+\})`/.exec(readme)?.[1] ?? "";
    // The README writes the shape as JavaScript shorthand ({ a, b: [{ c }] }): quote it into JSON of `true` leaves.
    const asJson = shape.replace(/(\w+)\s*:/g, '"$1":').replace(/(?<=[{,]\s*)(\w+)(?=\s*[,}])/g, '"$1": true');
    const example: PostureDto = {
      framework: "soc2",
      framework_name: "SOC 2",
      as_of: "",
      evaluated_at: "",
      rules_version: "",
      parameters_version: 0,
      score: null,
      controls: [{ id: "", title: "", rules: [], status: "not_tested", score: null, population: { pass: 0, fail: 0, excepted: 0, not_applicable: 0 } }],
      blast_radius: [{ credential_id: "", name: null, provider: null, team: null, conditions: [], path: [], nine_second: false }],
      blast_radius_count: 0,
      nine_second_count: 0,
    };
    const keysOf = (value: unknown): unknown =>
      Array.isArray(value) ? (value.length ? value.map(keysOf) : true) : value && typeof value === "object" ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, keysOf(v)]).sort()) : true;
    expect(keysOf(JSON.parse(asJson))).toEqual(keysOf(example));
  });
});

describe("README: formats and counts", () => {
  const cliRows = tableRows(section(readme, "The CLI"));
  const rowOf = (command: string) => cliRows.find(([usage]) => usage!.startsWith(`\`leash ${command} `))!.join(" | ");

  test("leash import lists every credential import format, in the registry's order, and the status counts them", () => {
    const listed = /\(formats: ([^)]+)\)/.exec(rowOf("import"))?.[1] ?? "";
    expect(codeSpans(listed)).toEqual(CREDENTIAL_FORMATS);
    const counted = /credential inventory \((\w+) import formats/.exec(readme)?.[1];
    const words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    expect(counted).toBe(words[CREDENTIAL_FORMATS.length]);
  });

  test("leash ingest lists every activity log format", () => {
    const listed = /`leash ingest <([^>]+)>/.exec(rowOf("ingest"))?.[1] ?? "";
    expect(listed.split("\\|")).toEqual([...eventFormats]);
  });

  test("the rule range and the detector count are the registries'", () => {
    const ids = RULES.map((r) => r.id);
    expect(readme).toContain(`Rules ${ids[0]}–${ids.at(-1)} (`);
    expect(ids).toEqual(ids.map((_, i) => `R${String(i + 1).padStart(2, "0")}`));
    expect(/\*\*Detectors\*\*: (\d+),/.exec(readme)?.[1]).toBe(String(DETECTORS.length));
  });
});

describe("README: the CLI table", () => {
  const program = new Command("leash");
  registerCommands(program);
  const leaves = (command: Command, prefix: string[] = []): [string, Command][] =>
    command.commands.length ? command.commands.flatMap((c) => leaves(c, [...prefix, c.name()])) : [[prefix.join(" "), command]];
  const commands = new Map(leaves(program));
  // "`leash db backup FILE` / `leash db restore FILE`" documents two commands in one row.
  const usages = tableRows(section(readme, "The CLI")).flatMap(([usage]) => codeSpans(usage!).filter((s) => s.startsWith("leash ")));
  const commandOf = (usage: string) => [...commands.keys()].filter((name) => `${usage} `.startsWith(`leash ${name} `)).sort((a, b) => b.length - a.length)[0];

  test("documents every command, and only commands that exist", () => {
    for (const usage of usages) expect(commandOf(usage), usage).toBeDefined();
    expect(new Set(usages.map(commandOf))).toEqual(new Set(commands.keys()));
  });

  test("every flag a usage shows is an option of its command", () => {
    for (const usage of usages) {
      const options = commands.get(commandOf(usage)!)!.options.map((o) => o.long);
      for (const flag of usage.match(/--[a-z][a-z-]*/g) ?? []) expect(options, usage).toContain(flag);
    }
  });
});

describe("environment variables", () => {
  const variables = Object.keys(envSchema.shape) as (keyof typeof envSchema.shape)[];
  const defaults = envSchema.parse({}) as Record<string, unknown>;
  /** Variable → the cells after its name, from every table row whose first cell names it. */
  const documented = (text: string) =>
    new Map(tableRows(text).flatMap(([names, ...rest]) => codeSpans(names!).map((name) => [name, rest] as const)));

  test.each([
    ["README.md", section(readme, "Configuration"), ["NODE_ENV"]],
    ["docs/deployment.md", section(deployment, "Environment variables"), []],
  ])("%s lists every variable of lib/server/env.ts with its default", (_, text, left) => {
    const rows = documented(text);
    for (const name of variables.filter((v) => !left.includes(v))) {
      expect(rows.has(name), name).toBe(true);
      if (name !== "NODE_ENV" && defaults[name] !== undefined) expect(codeSpans(rows.get(name)![0]!)[0], name).toBe(String(defaults[name]));
    }
  });

  test("docs/deployment.md names every variable the code reads from process.env", () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) return name === "node_modules" || name.startsWith(".") ? [] : sources(full);
        return /\.(ts|tsx|mjs)$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
      });
    const files = [...["app", "lib", "cli", "db", "bench", "e2e"].flatMap(sources), ...readdirSync(".").filter((f) => /\.(ts|mjs)$/.test(f))];
    // A quote right before it is text about a variable (the scanner's catalogue of references), not a read.
    const read = new Set(files.flatMap((file) => [...readFileSync(file, "utf8").matchAll(/(?<!["'`])process\.env\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!)));
    expect([...read].filter((name) => !deployment.includes(`\`${name}\``))).toEqual([]);
  });

  test("docs/deployment.md gives each number's range as env.ts checks it", () => {
    const rows = documented(section(deployment, "Environment variables"));
    for (const name of variables) {
      const field = envSchema.shape[name];
      const inner = "unwrap" in field ? field.unwrap() : field;
      if (!("minValue" in inner)) continue;
      expect(rows.get(name)![0], name).toContain(`(${inner.minValue}–${inner.maxValue})`);
    }
  });
});

describe.each([
  ["README.md", readme],
  ["docs/deployment.md", deployment],
])("%s: the code it points to", (_, doc) => {
  test("every source file it names exists", () => {
    const files = [...doc.matchAll(/`([\w./-]+\.(?:ts|tsx|mjs|sql))`/g)].map((m) => m[1]!);
    expect(files.filter((file) => !existsSync(file))).toEqual([]);
  });

  test("every `name` in `file` is in that file", () => {
    const pointers = [...doc.matchAll(/`(\w+)(?:\(\))?` in `([\w./-]+\.(?:ts|tsx|mjs))`/g)];
    expect(pointers.filter(([, name, file]) => !existsSync(file!) || !readFileSync(file!, "utf8").includes(name!)).map(([pointer]) => pointer)).toEqual([]);
  });
});
