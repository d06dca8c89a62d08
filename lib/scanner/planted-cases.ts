import { describe, expect, test } from "vitest";
import { fingerprintSecret } from "./fingerprint";
import { scanContent } from "./scan-file";

/** A document with one planted secret; the secret's line is the line holding `marker` (default: the secret). */
export interface PlantedCase {
  name: string;
  path: string;
  build: () => { text: string; secret: string; marker?: string };
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split("\n").length;
}

/**
 * One test per case: the planted secret is found on its line, and nothing else in the document is. Tests compare
 * lines and detectors only, so a failure never prints a value.
 */
export function describePlanted(title: string, cases: readonly PlantedCase[], fingerprintKey: string): void {
  describe(title, () => {
    test.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
      const { text, secret, marker } = c.build();
      const findings = scanContent(c.path, text, { fingerprintKey });
      const hit = findings.find((f) => f.fingerprint === fingerprintSecret(secret, fingerprintKey));
      expect({ found: hit !== undefined, line: hit?.line, extra: findings.filter((f) => f !== hit).map((f) => `${f.detector}@${f.line}`) }).toEqual({
        found: true,
        line: lineOf(text, marker ?? secret),
        extra: [],
      });
    });
  });
}
