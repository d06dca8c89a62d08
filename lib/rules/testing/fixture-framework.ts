import type { Framework } from "../frameworks/types";

/**
 * A framework no rule lists, shaped exactly like a file in lib/rules/frameworks/: tests register it beside the shipped
 * ones to show that a new framework scores, lists its controls and resolves by key without any rule being edited.
 * Each control reuses the rules of a shipped control, so its figures can be compared with that control's.
 */
export const FIXTURE_FRAMEWORK: Framework = {
  key: "fixture",
  id: "fixture-framework-1.0",
  name: "Fixture framework 1.0 (tests only)",
  label: "Fixture",
  crosswalk: false,
  controls: [
    // The rules of SOC 2 CC8.1.
    { id: "FX-1", title: "Destructive production changes are approved first", rules: ["R16"] },
    // The rules of PCI DSS 8.6.2.
    { id: "FX-2", title: "Secrets stay out of what agents read", rules: ["R12", "R13", "R21"] },
  ],
};
