import { visibleText } from "../domain/visible-text";
import { DETECTORS } from "./detectors";
import type { Finding, Severity } from "./types";

/** One secret in several places: one exposure, several locations. Keyed by fingerprint. */
export interface Exposure {
  fingerprint: string;
  detector: string;
  provider: string;
  kind: Finding["kind"];
  preview: string;
  severity: Severity;
  publicId?: string;
  locations: Array<{ file: string; line: number; column: number; allowed: boolean }>;
}

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

export function groupExposures(findings: Finding[]): Exposure[] {
  const byFp = new Map<string, Exposure>();
  for (const f of findings) {
    let e = byFp.get(f.fingerprint);
    if (!e) {
      e = { fingerprint: f.fingerprint, detector: f.detector, provider: f.provider, kind: f.kind, preview: f.preview, severity: f.severity, locations: [] };
      if (f.publicId) e.publicId = f.publicId;
      byFp.set(f.fingerprint, e);
    }
    if (RANK[f.severity] > RANK[e.severity]) e.severity = f.severity;
    e.locations.push({ file: f.file, line: f.line, column: f.column, allowed: f.allowed === true });
  }
  return [...byFp.values()].sort((a, b) => RANK[b.severity] - RANK[a.severity] || a.fingerprint.localeCompare(b.fingerprint));
}

/** Findings that fail a CI gate: everything not accepted. */
export function failingFindings(findings: Finding[]): Finding[] {
  return findings.filter((f) => !f.allowed);
}

export function toJson(findings: Finding[]): string {
  const locations = new Map<string, number>();
  for (const f of findings) locations.set(f.fingerprint, (locations.get(f.fingerprint) ?? 0) + 1);
  return JSON.stringify(findings.map((f) => ({ ...f, exposureLocations: locations.get(f.fingerprint) ?? 1 })), null, 2);
}

const SARIF_LEVEL: Record<Severity, "error" | "warning" | "note"> = { critical: "error", high: "error", medium: "warning", low: "note" };

/**
 * A relative path as the URI reference SARIF requires: each segment percent-encoded, so a space, `%`, `#`, `?`,
 * a `:` in a first segment or a backslash (a file name's character on POSIX) survives a decodeURIComponent.
 */
function relativeUri(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/** SARIF 2.1.0, as code-scanning UIs expect: one rule per detector, one result per location. */
export function toSarif(findings: Finding[], toolVersion = "0.1.0"): string {
  const used = [...new Set(findings.map((f) => f.detector))].sort();
  const titles = new Map(DETECTORS.map((d) => [d.id, d.title]));
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "leash-scan",
            version: toolVersion,
            informationUri: "https://github.com/leash/leash",
            rules: used.map((id) => ({
              id,
              name: id,
              shortDescription: { text: titles.get(id) ?? findings.find((f) => f.detector === id)?.title ?? id },
              properties: { tags: ["security", "secret"] },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.detector,
          ruleIndex: used.indexOf(f.detector),
          level: SARIF_LEVEL[f.severity],
          message: { text: `${f.title} (${f.provider}/${f.kind}) ${f.preview}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: relativeUri(f.file.split("!")[0] ?? f.file) },
                region: { startLine: f.line, startColumn: f.column },
              },
            },
          ],
          partialFingerprints: { "leashSecret/v1": f.fingerprint },
          ...(f.allowed ? { suppressions: [{ kind: "inSource", justification: f.allowReason ?? "allowed" }] } : {}),
          properties: { confidence: f.confidence, severity: f.severity, entropy: f.entropy, ...(f.publicId ? { publicId: f.publicId } : {}) },
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

/** A cell of the table: file names inside a scanned archive or repository are whatever their authors chose. */
function pad(text: string, n: number): string {
  const s = visibleText(text);
  return s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n);
}

/** A readable table grouped by exposure, for terminals. */
export function toTable(findings: Finding[]): string {
  if (!findings.length) return "No secrets found.\n";
  const rows = [`${pad("SEVERITY", 9)} ${pad("DETECTOR", 28)} ${pad("PREVIEW", 30)} ${pad("LOCATION", 50)} STATUS`];
  for (const e of groupExposures(findings)) {
    e.locations.forEach((loc, i) => {
      const status = loc.allowed ? "allowed" : "open";
      const head = i === 0 ? `${pad(e.severity, 9)} ${pad(e.detector, 28)} ${pad(e.preview, 30)}` : " ".repeat(69);
      rows.push(`${head} ${pad(`${loc.file}:${loc.line}:${loc.column}`, 50)} ${status}`);
    });
  }
  const exposures = groupExposures(findings).length;
  const allowed = findings.filter((f) => f.allowed).length;
  rows.push("", `${findings.length} finding(s), ${exposures} distinct secret(s), ${allowed} allowed.`);
  return `${rows.join("\n")}\n`;
}
