import { isSecretName, ownedFieldName, ownedKeyName } from "../secret-name";
import { compose, locate, relocate, replaceMapped, shifted, type SourceText } from "../source-map";
import type { Segment } from "../types";
import { stripAnsi } from "./ansi";
import { decodeWrapped } from "./encoded";
import { type JsonString, nearestKey, pathToString, walkJsonStrings } from "./json-strings";
import { kubernetesDataInText } from "./k8s-text";
import { textTables } from "./tables";

/**
 * `{"name": "DB_PASSWORD", "value": "…"}`, in JSON and YAML alike: env lists (Kubernetes, ECS), Helm values, Postman
 * variables, CloudFormation parameters. The sibling name field names the value field.
 */
export const NAME_FIELD = /^(?:name|key|Name|Key|variable|ParameterKey)$/;
export const VALUE_FIELD = /^(?:value|Value|ParameterValue)$/;
/** `["--api-key", "…"]`: an argument vector, where a flag names the element after it. */
const FLAG = /^--?[A-Za-z][\w-]{1,40}$/;
/** JSON inside a JSON string (agent tool outputs, double-encoded events) is read as JSON, this many levels down. */
const MAX_DEPTH = 3;

/**
 * JSON documents: every string value with its key path. Returns undefined when the text is not JSON. `within` is
 * the segment whose decoded value `text` is (JSON in a JSON string): values are placed in the file through it.
 */
export function readJson(text: string, firstLine = 1, depth = 0, within?: Segment): Segment[] | undefined {
  const segments: Segment[] = [];
  // Per container, the name a sibling `name`/`key` field or the preceding flag gives the next value.
  const names = new Map<object | undefined, { name: string; index: number }>();
  // Terraform resources that generate a secret, by the object that declares their type.
  const generators = new Map<object | undefined, string>();
  const ok = walkJsonStrings(
    text,
    (s) => {
      const last = s.path[s.path.length - 1];
      const keyPath = pathToString(s.path);
      const named = names.get(s.container);
      let key = typeof last === "string" ? ownedKeyName(last, s.path[s.path.length - 2]) : undefined;
      // A Terraform resource's type names its credential before a sibling `name` attribute (the resource's label) can.
      const resourceType = last === "value" || last === "plaintext_value" ? secretResourceType(s, generators) : undefined;
      if (resourceType) key = resourceType;
      else if (named && typeof last === "number" && named.index === last - 1) key = named.name;
      else if (named && named.index === -1 && typeof last === "string" && VALUE_FIELD.test(last)) key = ownedFieldName(named.name, () => nearestKey(s.path.slice(0, -2)));
      else if (last === "result") key = generatedName(s, names, generators) ?? key;
      if (last === "type" && (GENERATOR.test(s.value) || SECRET_RESOURCE.test(s.value)) && s.container) generators.set(s.container, s.value);
      if (typeof last === "string" && NAME_FIELD.test(last)) names.set(s.container, { name: s.value, index: -1 });
      else if (typeof last === "number" && FLAG.test(s.value)) names.set(s.container, { name: s.value.replace(/^-+/, ""), index: last });
      segments.push(...valueSegment(s, keyPath, key, depth, within));
    },
    firstLine,
  );
  return ok ? segments : undefined;
}

/**
 * Terraform's `random_password` (and a `random_string` given a secret-sounding name) keeps the generated value in
 * its `result` attribute: in state files under `instances[].attributes`, in `terraform show -json` under `values`.
 */
const GENERATOR = /^random_(?:password|string)$/;

/**
 * Terraform resources that hold a credential in their `value` (`cloudflare_api_token`, `azuread_application_password`)
 * or `plaintext_value` (`github_actions_secret`): the value is named by the resource's type, which also names its
 * provider for the detectors that need one beside the value.
 */
const SECRET_RESOURCE = /^[a-z0-9]+_[a-z0-9_]*(?:token|secret|password|api_key|access_key)$/;

function secretResourceType(s: JsonString, generators: Map<object | undefined, string>): string | undefined {
  for (let i = s.stack.length - 2; i >= 0 && i >= s.stack.length - 5; i--) {
    const type = generators.get(s.stack[i]);
    if (type) return SECRET_RESOURCE.test(type) ? type : undefined;
  }
  return undefined;
}

function generatedName(s: JsonString, names: Map<object | undefined, { name: string }>, generators: Map<object | undefined, string>): string | undefined {
  for (let i = s.stack.length - 2; i >= 0 && i >= s.stack.length - 5; i--) {
    const type = generators.get(s.stack[i]);
    if (type) return type === "random_password" ? type : names.get(s.stack[i])?.name;
  }
  return undefined;
}

function valueSegment(s: JsonString, keyPath: string, key: string | undefined, depth: number, within?: Segment): Segment[] {
  const { text: value, points: ansi } = stripAnsi(s.value);
  const base: Segment = { text: value, ...valuePlace(s, ansi, within), context: { keyPath } };
  if (key) base.key = key;
  const nested = nestedJson(value, base, depth);
  if (nested) return nested;
  const decoded = key ? decodeWrapped(key, keyPath, value) : undefined;
  if (!decoded) return [base, ...kubernetesDataInText(base, (text, at) => nestedJson(text, at, depth + 1))];
  // The encoded form is noise to the generic detector; the decoded value is what the name refers to.
  const { map: _, ...encoded } = { ...base, encoded: true };
  return nestedJson(decoded.text, encoded, depth) ?? [{ ...encoded, text: decoded.text, key: decoded.key }];
}

/**
 * Where a string value sits: its escapes and colour codes mapped back to the file, through the string holding it
 * when it is JSON in JSON. Inside a base64-decoded document it can only sit where the encoded value starts.
 */
function valuePlace(s: JsonString, ansi: number[], within: Segment | undefined): Pick<Segment, "line" | "column" | "singleLine" | "map" | "encoded"> {
  if (!within) {
    const points = s.escapes ? compose(ansi, s.escapes) : ansi;
    return { line: s.line, column: s.column + 1, singleLine: true, ...(points.length ? { map: { points } } : {}) };
  }
  if (within.encoded) return { line: within.line, column: within.column, singleLine: true, encoded: true };
  const points = compose(compose(ansi, s.escapes ?? shifted(s.offset)), within.map?.points ?? []);
  const map = within.map?.source ? { points, source: within.map.source } : { points };
  return { ...locate(within, s.offset), singleLine: true, ...(points.length ? { map } : {}) };
}

/**
 * A string that is itself a JSON document (`{"output": "KEY=…\n…"}` in a tool result, a `.dockerconfigjson`) is
 * read as JSON, so its values are unescaped and named; each inner value is placed through the outer string's map.
 */
export function nestedJson(text: string, at: Segment, depth: number): Segment[] | undefined {
  if (depth >= MAX_DEPTH || text.length < 8) return undefined;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if (!((first === 123 && last === 125) || (first === 91 && last === 93)) || !isJsonDocument(text)) return undefined;
  const inner = readJson(text, at.line, depth + 1, at);
  if (!inner) return undefined;
  const outer = at.context?.keyPath ?? "";
  return inner.map((seg) => ({ ...seg, context: { ...seg.context, keyPath: `${outer}>${seg.context?.keyPath ?? ""}` } }));
}

/**
 * Strictly JSON, not merely bracketed: a JS object literal or Python dict repr in a tool output (`{ apiKey: '…' }`),
 * or JSON lines with shell output between them, would walk "successfully" with their unquoted values unseen — and
 * be dropped. Such text is read as text instead. JSON.parse is linear.
 */
function isJsonDocument(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** JSONL agent transcripts and event logs: each line is its own document; other lines are text. */
export function readJsonLines(text: string): Segment[] {
  const segments: Segment[] = [];
  // An agent's command that prints one variable alone, waiting for its output in the next records.
  let printed: { name: string; until: number } | null = null;
  let line = 1;
  for (const raw of text.split("\n")) {
    const trimmed = raw.trim();
    const parsed = trimmed.startsWith("{") || trimmed.startsWith("[") ? readJson(raw, line) : undefined;
    const record = parsed ?? (trimmed ? [{ text: raw, line, column: 1 }] : []);
    if (printed && line > printed.until) printed = null;
    for (const segment of record) {
      // Filed under `output`, `stdout` or `content`: the command's variable names it better.
      if (printed && OUTPUT_FIELD.test(segment.context?.keyPath ?? "") && !(segment.key && isSecretName(segment.key)) && ONE_WORD.test(segment.text)) segment.key = printed.name;
    }
    segments.push(...record);
    const command = record.map((segment) => PRINTS_ONE.exec(segment.text)?.[1]).find(Boolean);
    if (command) printed = { name: command, until: line + PRINTED_REACH };
    line++;
  }
  return segments;
}

/**
 * A command whose output is one variable's value and nothing else — `printenv NAME`, `echo $NAME`, kubectl's
 * `jsonpath='{.data.NAME}'`, `os.environ["NAME"]` — so the transcript's next records show the value without its name.
 */
const PRINTS_ONE = /(?:\bprintenv[ \t]+|\becho[ \t]+"?\$\{?|jsonpath=['"]?\{\.data\.|\benviron(?:\.get\(|\[)["'])([A-Za-z_][\w.-]{1,60})/;
/** How many records after the command its output may come (the call, then its result; sometimes a progress line). */
const PRINTED_REACH = 2;
/** Where a tool's result is filed in the agents' transcripts (Claude Code, Codex, Cursor): not ids, models or times. */
const OUTPUT_FIELD = /(?:^|[.>])(?:output|stdout|content|text|result)(?:\[\d+\])?$/;
/** A tool's whole output: one word, perhaps with a line end. */
const ONE_WORD = /^\s*[^\s"'`]{12,2048}\s*$/;

/**
 * Jupyter notebooks: a cell's `source` (and an output's `text`) is an array of lines; joined back into one
 * multi-line segment so a key pasted across lines is seen whole, tagged with the cell number.
 */
/** A picture or PDF a cell displayed (`outputs[].data["image/png"]`): base64 bytes, megabytes of them, no one's text. */
function displayedBytes(path: readonly (string | number)[]): boolean {
  const mime = typeof path[path.length - 1] === "number" ? path[path.length - 2] : path[path.length - 1];
  return typeof mime === "string" && path[path.length - (mime === path[path.length - 1] ? 2 : 3)] === "data" && /^(?:image\/(?!svg)|application\/pdf$)/.test(mime);
}

export function readNotebook(text: string): Segment[] | undefined {
  const groups = new Map<string, { lines: string[]; points: number[]; length: number; line: number; column: number; cell: number | undefined }>();
  const segments: Segment[] = [];
  const ok = walkJsonStrings(text, (s) => {
    const cell = s.path[0] === "cells" && typeof s.path[1] === "number" ? s.path[1] : undefined;
    const last = s.path[s.path.length - 1];
    if (displayedBytes(s.path)) return;
    if (typeof last === "number") {
      const parent = pathToString(s.path.slice(0, -1));
      const g = groups.get(parent) ?? { lines: [], points: [], length: 0, line: s.line, column: s.column + 1, cell };
      g.lines.push(s.value);
      // Each line is a string of its own, on a line of its own in the file: the joined text maps back through each.
      const own = s.escapes ?? [0, s.offset];
      for (let i = 0; i < own.length; i += 2) g.points.push((own[i] ?? 0) + g.length, own[i + 1] ?? 0);
      g.length += s.value.length;
      groups.set(parent, g);
      return;
    }
    for (const seg of valueSegment(s, pathToString(s.path), nearestKey(s.path), 0)) segments.push(cell === undefined ? seg : { ...seg, context: { ...seg.context, cell } });
  });
  if (!ok) return undefined;
  const source: SourceText = { text };
  for (const [keyPath, g] of groups) {
    const context = g.cell === undefined ? { keyPath } : { keyPath, cell: g.cell };
    const joined = stripAnsi(g.lines.join("").replace(/\n$/, ""));
    const map = { points: compose(joined.points, g.points), source };
    segments.push({ text: joined.text, line: g.line, column: g.column, singleLine: g.lines.length === 1, map, context });
  }
  return segments;
}

const SLACK_ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
const SLACK_ENTITY = /&(?:amp|lt|gt|quot|#39);/g;

/**
 * Where people's words and pasted values sit in a message: its text and blocks (`text`, a button's `value`), a bot
 * attachment's `pretext`/`title`/`fallback` and links, a snippet's `preview`, a post's `plain_text`, an old file
 * comment's `comment`. The rest is ids, hashes and avatar URLs.
 */
const SLACK_TEXT_FIELDS: ReadonlySet<string> = new Set(["text", "fallback", "pretext", "title", "preview", "plain_text", "preview_plain_text", "comment", "url", "title_link", "from_url", "original_url", "value"]);

/** Slack export day file (`<channel>/<YYYY-MM-DD>.json`): message text and blocks, named by channel and ts. */
export function readSlackDay(text: string, channel: string): Segment[] | undefined {
  const strings: JsonString[] = [];
  if (!walkJsonStrings(text, (s) => strings.push(s))) return undefined;
  const meta = new Map<number, { ts?: string; user?: string }>();
  for (const s of strings) {
    const i = s.path[0];
    if (typeof i !== "number" || s.path.length !== 2) continue;
    const m = meta.get(i) ?? {};
    if (s.path[1] === "ts") m.ts = s.value;
    if (s.path[1] === "user") m.user = s.value;
    meta.set(i, m);
  }
  const segments: Segment[] = [];
  for (const s of strings) {
    const field = s.path[s.path.length - 1];
    if (typeof field !== "string" || !SLACK_TEXT_FIELDS.has(field)) continue;
    const i = typeof s.path[0] === "number" ? s.path[0] : -1;
    const m = meta.get(i) ?? {};
    const unescaped = s.value.includes("&") ? replaceMapped(s.value, SLACK_ENTITY, (e, out) => out.put(SLACK_ENTITIES[e[0]] ?? e[0], e.index)) : { text: s.value, points: [] };
    const points = s.escapes ? compose(unescaped.points, s.escapes) : unescaped.points;
    const context = { channel, ...(m.ts ? { messageTs: m.ts } : {}), ...(m.user ? { user: m.user } : {}) };
    const message: Segment = { text: unescaped.text, line: s.line, column: s.column + 1, singleLine: true, ...(points.length ? { map: { points } } : {}), context };
    segments.push(message);
    // A table pasted into a message (in a code block or not) names its cells by column, as on a wiki page.
    for (const cell of relocate(textTables(unescaped.text), message)) segments.push({ ...cell, singleLine: true, context });
  }
  return segments;
}
