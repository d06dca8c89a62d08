import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { allPositives } from "./catalogue";
import { FORMAT_NAMES, RENDERERS } from "./formats";
import { Rng } from "./prng";

/** Realistic filler per kind of workspace file, so throughput is measured on text that mostly holds no secret. */
const FILLER: Record<string, (rng: Rng, i: number) => string> = {
  code: (rng, i) =>
    `export async function handler${i}(req: Request): Promise<Response> {\n  const token = req.headers.get("authorization");\n  if (!token) return new Response("unauthorized", { status: 401 });\n  const rows = await db.query("select * from orders where id = $1", [${rng.int(1, 99999)}]);\n  return Response.json({ rows, page: ${rng.int(1, 50)} });\n}\n\n`,
  prose: (rng) =>
    `${rng.pick(["The deploy pipeline", "Our staging cluster", "The billing service", "The on-call runbook", "The data team"])} ${rng.pick(["uses short-lived credentials", "rotates keys every 90 days", "reads its secrets from the vault", "is owned by the platform team", "runs nightly", "was migrated last quarter", "pages the on-call engineer", "has a dashboard in Grafana"])}. ${rng.next() < 0.2 ? "Ask in #infra if the password policy or the token budget is unclear" : "Ask in #infra if anything is unclear"}; see ticket OPS-${rng.int(100, 9999)}.\n`,
  log: (rng) =>
    `2024-05-0${rng.int(1, 9)}T12:${rng.int(10, 59)}:${rng.int(10, 59)}.${rng.int(100, 999)}Z INFO request_id=${rng.chars("0123456789abcdef", 8)}-${rng.chars("0123456789abcdef", 4)} method=GET path=/api/v1/items status=200 duration_ms=${rng.int(1, 900)} user_agent="Mozilla/5.0"\n`,
  json: (rng, i) => `  {"id": ${i}, "sku": "SKU-${rng.int(1000, 9999)}", "name": "item ${i}", "price": ${rng.int(1, 999)}.99, "tags": ["a", "b"], "digest": "sha256:${rng.chars("0123456789abcdef", 64)}"},\n`,
};
const FILLER_FOR: Record<string, keyof typeof FILLER> = {
  env: "prose", python: "code", typescript: "code", json: "json", yaml: "prose", toml: "prose", k8s: "prose",
  slack: "prose", markdown: "prose", html: "prose", notebook: "code", transcript: "code", cilog: "log", csv: "prose",
};

/** Filler in the file's own syntax. Transcripts and Confluence pages come as long lines, as exported. */
function fillerComment(format: string, body: string): string {
  if (format === "transcript") {
    const lines: string[] = [];
    for (let at = 0; at < body.length; at += 4096) lines.push(JSON.stringify({ type: "tool_result", content: body.slice(at, at + 4096) }));
    return lines.join("\n");
  }
  if (["json", "slack", "notebook", "k8s", "csv"].includes(format)) return "";
  if (format === "html") return `<div class="wiki-content"><p>${body.replace(/\n/g, "</p><p>")}</p></div>\n`;
  if (["python", "yaml", "toml", "env"].includes(format)) return body.replace(/^/gm, "# ");
  if (format === "typescript") return body;
  return body;
}

/** Writes about `megabytes` MB of mixed workspace files with sparse planted secrets; returns the total bytes. */
export async function writeBenchCorpus(dir: string, megabytes: number, seed = 1): Promise<number> {
  const rng = new Rng(seed);
  const target = megabytes * 1024 * 1024;
  let total = 0;
  let n = 0;
  let positives = allPositives(rng);
  while (total < target) {
    const format = FORMAT_NAMES[n % FORMAT_NAMES.length] ?? "env";
    const renderer = RENDERERS[format];
    if (!renderer) break;
    if (positives.length < 3) positives = allPositives(rng);
    const items = positives.splice(0, 2).map((p) => ({ name: p.name, value: p.value, multiline: p.multiline === true && !["slack", "transcript", "cilog"].includes(format), positive: p }));
    const doc = renderer.render(items.filter((i) => !i.multiline || format !== "cilog"), rng);
    const kind = FILLER_FOR[format] ?? "prose";
    // Workspaces are mostly small files with a long tail: 70% of 2-16 KB, 25% up to 128 KB, 5% up to 1 MB.
    const roll = rng.next();
    const size = (roll < 0.7 ? rng.int(2, 16) : roll < 0.95 ? rng.int(16, 128) : rng.int(128, 1024)) * 1024;
    const parts: string[] = [];
    let len = 0;
    for (let i = 0; len < size; i++) {
      const chunk = FILLER[kind]?.(rng, i) ?? "";
      parts.push(chunk);
      len += chunk.length;
    }
    const filler = fillerComment(format, parts.join(""));
    // Structured formats keep their document valid: filler goes to a sibling file of the same kind.
    const content = filler ? `${filler}\n${doc}\n` : doc;
    const path = join(dir, renderer.path(n));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
    total += Buffer.byteLength(content);
    if (!filler) {
      const sibling = join(dir, `text/${format}-${n}.${kind === "code" ? "ts" : kind === "log" ? "log" : "md"}`);
      await mkdir(dirname(sibling), { recursive: true });
      const text = parts.join("");
      await writeFile(sibling, text);
      total += Buffer.byteLength(text);
    }
    n++;
  }
  return total;
}
