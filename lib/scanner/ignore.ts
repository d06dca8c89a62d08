import type { Finding } from "./types";

/**
 * `.leashignore`: accepted cases. Lines are path globs (gitignore-like), `fingerprint:<hex>` or
 * `detector:<id>`; `#` starts a comment. Matching findings are kept and marked allowed, never dropped.
 */
export interface IgnoreRules {
  globs: Array<{ source: string; regex: RegExp }>;
  fingerprints: Set<string>;
  detectors: Set<string>;
}

export function globToRegex(glob: string): RegExp {
  let g = glob.trim();
  const anchored = g.startsWith("/") || g.slice(0, -1).includes("/");
  g = g.replace(/^\//, "");
  const dir = g.endsWith("/");
  if (dir) g = g.slice(0, -1);
  let re = "";
  for (let i = 0; i < g.length; i++) {
    const c = g[i] ?? "";
    if (c === "*" && g[i + 1] === "*") {
      re += ".*";
      i++;
      if (g[i + 1] === "/") i++;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`${anchored ? "^" : "(?:^|/)"}${re}(?:$|/)`);
}

export function parseIgnore(text: string): IgnoreRules {
  const rules: IgnoreRules = { globs: [], fingerprints: new Set(), detectors: new Set() };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(?:^|\s)#.*$/, "").trim();
    if (!line) continue;
    const fp = /^(?:fingerprint|fp):\s*([0-9a-f]{16,64})$/i.exec(line);
    const det = /^detector:\s*([\w-]+)$/.exec(line);
    if (fp?.[1]) rules.fingerprints.add(fp[1].toLowerCase());
    else if (det?.[1]) rules.detectors.add(det[1]);
    else rules.globs.push({ source: line, regex: globToRegex(line) });
  }
  return rules;
}

/** Marks allowed findings in place and returns them, so counts and output still include them. */
export function applyIgnore(findings: Finding[], rules: IgnoreRules): Finding[] {
  for (const f of findings) {
    if (f.allowed) continue;
    const file = f.file.split("!")[0] ?? f.file;
    const glob = rules.globs.find((g) => g.regex.test(file) || g.regex.test(f.file));
    const fp = [...rules.fingerprints].some((p) => f.fingerprint.startsWith(p));
    if (glob || fp || rules.detectors.has(f.detector)) {
      f.allowed = true;
      f.allowReason = glob ? `.leashignore: ${glob.source}` : fp ? ".leashignore: fingerprint" : `.leashignore: detector ${f.detector}`;
    }
  }
  return findings;
}
