import type { FrameworkKey, RuleId } from "../types";

/** A framework is data: control ids, our own short titles (official texts are copyrighted), and the rules behind each. */
export type FrameworkControl = { id: string; title: string; rules: RuleId[] };
export type Framework = {
  /** The key under which rules list this framework's controls (`Rule.controls[key]`). */
  key: FrameworkKey;
  id: string;
  name: string;
  /** The short name tabs, cards and sentences use ("SOC 2"); `name` is the full one, for titles and reports. */
  label: string;
  controls: FrameworkControl[];
};
