import { ISO_27001_2022 } from "./iso-27001-2022";
import { NIST } from "./nist";
import { PCI_DSS_4_0_1 } from "./pci-dss-4.0.1";
import { SOC2 } from "./soc2";
import type { Framework } from "./types";

export type { Framework, FrameworkControl } from "./types";

/** Adding a framework is adding its file and one entry here. */
export const FRAMEWORKS: readonly Framework[] = [SOC2, PCI_DSS_4_0_1, NIST, ISO_27001_2022];

/** By id ("pci-dss-4.0.1") or by its short key ("pci"), as people type it on a command line. */
export function frameworkById(id: string): Framework | undefined {
  const wanted = id.toLowerCase();
  return FRAMEWORKS.find((f) => f.id === wanted || f.key === wanted);
}
