import type { Framework } from "./types";

/** Crosswalk column: NIST CSF 2.0 subcategories and the SP 800-53 Rev. 5 controls named in DESIGN §4. */
export const NIST: Framework = {
  key: "nist",
  id: "nist-csf-2.0",
  name: "NIST CSF 2.0 / SP 800-53 Rev. 5 (crosswalk)",
  label: "NIST CSF 2.0",
  crosswalk: true,
  controls: [
    { id: "PR.AA-01", title: "Identities and credentials are managed", rules: ["R02"] },
    { id: "PR.AA-05", title: "Access permissions follow least privilege", rules: ["R09"] },
    { id: "DE.CM-09", title: "Computing environments are monitored for misuse", rules: ["R18", "R21"] },
    { id: "AC-2", title: "Accounts are managed with owners", rules: ["R01"] },
    { id: "AC-2(3)", title: "Inactive accounts are disabled", rules: ["R07"] },
    { id: "AC-3", title: "Access is enforced at the boundary", rules: ["R08", "R15"] },
    { id: "AC-6", title: "Least privilege", rules: ["R09", "R10"] },
    { id: "AC-6(9)", title: "Privileged functions are logged and approved", rules: ["R16"] },
    { id: "AU-3", title: "Audit records carry enough content", rules: ["R17"] },
    { id: "AU-9", title: "Audit information is protected", rules: ["R22"] },
    { id: "AU-10", title: "Actions are attributable", rules: ["R17"] },
    { id: "IA-5", title: "Authenticators are managed over their lifetime", rules: ["R04", "R05", "R06"] },
    { id: "IA-5(7)", title: "No embedded static secrets", rules: ["R12", "R13"] },
    { id: "IA-9", title: "Services and agents authenticate as themselves", rules: ["R11"] },
    { id: "SC-28", title: "Information at rest is protected", rules: ["R20"] },
  ],
};
