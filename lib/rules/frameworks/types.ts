import type { FrameworkKey, RuleId } from "../types";

/** A framework is data: control ids, our own short titles (official texts are copyrighted), and the rules behind each. */
export type FrameworkControl = { id: string; title: string; rules: RuleId[] };
export type Framework = {
  /**
   * The short name people type (`--framework pci`). For the frameworks DESIGN §4 tabulates per rule it is also the key
   * under which rules list its controls (`Rule.controls[key]`); any other framework is mapped by this file alone.
   */
  key: FrameworkKey;
  id: string;
  name: string;
  /** The short name tabs, cards and sentences use ("SOC 2"); `name` is the full one, for titles and reports. */
  label: string;
  /**
   * A crosswalk is shown as a card and in the controls pages; the others are what audits are run against, so the
   * Overview also trends them and ranks their failing controls.
   */
  crosswalk: boolean;
  controls: FrameworkControl[];
};
