import { ISO_27001_2022 } from "./iso-27001-2022";
import { NIST } from "./nist";
import { PCI_DSS_4_0_1 } from "./pci-dss-4.0.1";
import { SOC2 } from "./soc2";
import type { Framework } from "./types";

export type { Framework, FrameworkControl } from "./types";

/**
 * Adding a framework is adding its file to this folder and registering it here. The explicit import is needed because
 * the same modules run under Next.js's bundler, Vitest and the CLI (tsx/node), and none of them can list a folder in a
 * way the others understand (webpack's require.context and Vite's import.meta.glob each belong to one bundler).
 * registry.test.ts fails when a framework file in this folder is not in FRAMEWORKS, so a forgotten entry is caught.
 *
 * The order is the one tabs, cards and pickers show: SOC 2 and PCI DSS first (what audits ask for), then crosswalks.
 */
export const FRAMEWORKS: readonly Framework[] = [SOC2, PCI_DSS_4_0_1, NIST, ISO_27001_2022];

/** By id ("pci-dss-4.0.1") or by its short key ("pci"), as people type it on a command line. */
export function frameworkById(id: string): Framework | undefined {
  const wanted = id.toLowerCase();
  return FRAMEWORKS.find((f) => f.id === wanted || f.key === wanted);
}

/** "soc2 | pci | …": the keys a command line or a help text offers, from the registered files. */
export function frameworkKeysText(separator = " | "): string {
  return FRAMEWORKS.map((f) => f.key).join(separator);
}
