import { chain, type Mapped, relocate, replaceMapped } from "../source-map";
import type { Segment } from "../types";
import { readCsv } from "./csv";
import { readEnv } from "./env";
import { openCdata, readHtml, unescapeHtml } from "./html";
import { stripAnsi } from "./ansi";
import { nestedJson, readJson, readJsonLines, readNotebook, readSlackDay } from "./json";
import { kubernetesDataInText } from "./k8s-text";
import { readNetrc, readPgpass } from "./netrc";
import { readSecretFile, secretFileName } from "./secret-file";
import { keyValueTables, textTables } from "./tables";
import { readYaml } from "./yaml";

export { secretFileName };

export type Format = "csv" | "tsv" | "text" | "env" | "netrc" | "pgpass" | "json" | "jsonl" | "yaml" | "toml" | "html" | "xml" | "markdown" | "notebook" | "slack" | "log";

const LOCK_FILES = /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|Cargo\.lock|poetry\.lock|Pipfile\.lock|Gemfile\.lock|composer\.lock|go\.sum|flake\.lock|uv\.lock|packages\.lock\.json|[^/]+\.lock)$/;
const BINARY_EXT = /\.(?:png|jpe?g|gif|webp|ico|bmp|tiff?|pdf|mp[34]|mov|avi|woff2?|ttf|otf|eot|class|jar|war|exe|dll|so|dylib|o|a|pyc|wasm|gz|tgz|bz2|xz|7z|rar|iso|dmg|bin|dat|db|sqlite3?|parquet|avro|onnx|pt|safetensors)$/i;

/**
 * Yarn's own release and plugins, committed under `.yarn/` as Yarn recommends: a package manager's minified code
 * (with its docs search's public keys), generated like a lock file and no more a place someone writes a secret.
 */
const YARN_VENDORED = /(?:^|\/)\.yarn\/(?:releases|plugins)\/(?:[^/]+\/)*[^/]+\.c?js$/;

export function isLockFile(path: string): boolean {
  return LOCK_FILES.test(path) || YARN_VENDORED.test(path);
}

export function isBinaryPath(path: string): boolean {
  return BINARY_EXT.test(path);
}

/** NUL bytes in the first 8 KB: the same test git uses to call a file binary. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

export function detectFormat(path: string): Format {
  const name = path.toLowerCase();
  const base = name.slice(name.lastIndexOf("/") + 1);
  // Before the `.conf` files: `pgpass.conf` (libpq on Windows) is no env file.
  if (base === ".pgpass" || base === "pgpass.conf") return "pgpass";
  if (/^\.env(?:\..+)?$|\.env$|\.(?:ini|cfg|conf|properties|envrc)$|^credentials$|^\.npmrc$|^\.pypirc$/.test(base)) return "env";
  if (base === ".netrc" || base === "_netrc") return "netrc";
  if (name.endsWith(".toml")) return "toml";
  if (name.endsWith(".csv")) return "csv";
  if (name.endsWith(".tsv")) return "tsv";
  if (name.endsWith(".ipynb")) return "notebook";
  if (/(?:^|\/)[^/]+\/\d{4}-\d{2}-\d{2}\.json$/.test(name)) return "slack";
  if (name.endsWith(".json") || name.endsWith(".tfstate")) return "json";
  if (/\.(?:jsonl|ndjson)$/.test(name)) return "jsonl";
  if (/\.ya?ml$/.test(name) || base === "kubeconfig" || /(?:^|\/)\.kube\/config$/.test(name)) return "yaml";
  if (/\.x?html?$/.test(name)) return "html";
  if (XML_EXT.test(name)) return "xml";
  if (/\.(?:md|markdown|mdx)$/.test(name)) return "markdown";
  if (name.endsWith(".log")) return "log";
  return "text";
}

/** The day file's folder: in an export zip the path is `export.zip!general/2024-01-05.json`, and `!` ends the archive. */
function slackChannel(path: string): string {
  const parts = path.split(/[/!]/);
  return parts[parts.length - 2] ?? "";
}

/** XML documents and XML-based configs: Confluence's `entities.xml`, Maven `settings.xml`, `web.config`, `NuGet.Config`. */
const XML_EXT = /\.(?:xml|config|plist|xaml|csproj|vbproj|fsproj|props|targets|nuspec|resx|wsdl)$/;

/**
 * XML keeps its tags (`<password>X</password>` names its value) but, like HTML, loses what hides a value's text:
 * CDATA markers (a Confluence storage body inside `entities.xml`, a code macro inside that) and entities
 * (`&amp;` in a password, `&nbsp;` between a label and its value). Newlines stay, so lines stay true.
 */
function readXml(text: string): Segment[] {
  return [wholeFile(text, chain(text, openCdata, unescapeHtml, stripAnsi))];
}

/** The whole file as decoded, with its map back to the file when decoding changed anything. */
function wholeFile(text: string, decoded: Mapped): Segment {
  return { text: decoded.text, line: 1, column: 1, ...(decoded.points.length ? { map: { points: decoded.points, source: { text } } } : {}) };
}

/**
 * A Kubernetes-style YAML document (kubeconfig, Secret, List): `apiVersion:` and `kind:` at the start of lines.
 * Kubeconfigs and manifests are small; a large log that merely quotes one stays text.
 */
function manifestLike(text: string): boolean {
  return text.length <= 1024 * 1024 && /^apiVersion:[ \t]*\S/m.test(text) && /^kind:[ \t]*[A-Z]/m.test(text);
}

const MD_ESCAPE = /\\([\\`*_{}[\]()#+\-.!|~<>=])/g;
/** Each unescaped character stays where the file writes it, after its backslash. */
const unescapeMarkdown = (text: string): Mapped =>
  text.includes("\\") ? replaceMapped(text, MD_ESCAPE, (m, out) => out.keep(m.index + 1, m.index + 2)) : { text, points: [] };

/** Tables are read in the decoded text, so their cells are moved back to the file's lines and columns. */
function markdownSegments(whole: Segment): Segment[] {
  const { text } = whole;
  return [whole, ...relocate([...textTables(text), ...keyValueTables(text)], whole), ...kubernetesDataInText(whole, (decoded, at) => nestedJson(decoded, at, 0))];
}

/** Turns a whole file into segments for the engine, falling back to plain text where a format does not parse. */
export function readSegments(path: string, text: string, format: Format = detectFormat(path)): Segment[] {
  const plain = (): Segment[] => [{ text, line: 1, column: 1 }];
  switch (format) {
    case "env":
      // kubeadm's kubeconfigs are `.conf` files (`/etc/kubernetes/admin.conf`): YAML, whose `*-data` values are base64.
      return (manifestLike(text) && readYaml(text)) || readEnv(text);
    case "toml":
      return readEnv(text);
    case "csv":
      return readCsv(text);
    case "tsv":
      return readCsv(text, "\t");
    case "json":
      return readJson(text) ?? plain();
    case "notebook":
      return readNotebook(text) ?? plain();
    case "slack":
      return readSlackDay(text, slackChannel(path)) ?? readJson(text) ?? plain();
    case "jsonl":
      return readJsonLines(text);
    case "yaml":
      return readYaml(text) ?? plain();
    case "html":
      return readHtml(text);
    case "xml":
      return readXml(text);
    case "markdown":
      // Exports escape Markdown punctuation in prose (`sk\_live\_…`); tokens must be read unescaped.
      // Agent chat histories (Aider, SpecStory) quote terminal output verbatim, colour codes included.
      return markdownSegments(wholeFile(text, chain(text, stripAnsi, unescapeHtml, unescapeMarkdown)));
    case "netrc":
      return readNetrc(text);
    case "pgpass":
      return readPgpass(text);
    default: {
      const whole = readSecretFile(path, text);
      if (whole) return [whole];
      // A kubeconfig or manifest saved without a YAML extension (`~/.kube/config-prod`, `kubeconfig.staging`).
      const manifest = manifestLike(text) ? readYaml(text) : undefined;
      if (manifest) return manifest;
      // CI logs come as `.log`, `.txt` or no extension at all: colour codes go wherever they are.
      // Pasted CLI output (a Vault `Key  Value` table) names values by position, not by `=`.
      // Tickets and plain-text notes hold tables too: Markdown (`| host | user | pass |`), Jira's (`||host||pass||`), aligned.
      // A Secret dumped by `kubectl get -o yaml` among other output keeps its values base64: decoded in place.
      const all = wholeFile(text, stripAnsi(text));
      return [all, ...textTables(text), ...keyValueTables(text), ...kubernetesDataInText(all, (decoded, at) => nestedJson(decoded, at, 0))];
    }
  }
}
