import type { Framework } from "./types";

/** Crosswalk column: ISO/IEC 27001:2022 Annex A controls named in DESIGN §4. */
export const ISO_27001_2022: Framework = {
  key: "iso",
  id: "iso-27001-2022",
  name: "ISO/IEC 27001:2022 (crosswalk)",
  label: "ISO/IEC 27001:2022",
  crosswalk: true,
  controls: [
    { id: "A.5.16", title: "Identities are managed across their life", rules: ["R01"] },
    { id: "A.5.17", title: "Authentication information is kept secret", rules: ["R13"] },
    { id: "A.5.18", title: "Access rights are provisioned and reviewed", rules: ["R19"] },
  ],
};
