import type { Framework } from "./types";

export const PCI_DSS_4_0_1: Framework = {
  key: "pci",
  id: "pci-dss-4.0.1",
  name: "PCI DSS v4.0.1",
  label: "PCI DSS v4.0.1",
  crosswalk: false,
  controls: [
    { id: "7.2.2", title: "Access is granted by job need, least privilege", rules: ["R08", "R09", "R10", "R15", "R16"] },
    { id: "7.2.4", title: "Accounts and their access are reviewed periodically", rules: ["R19"] },
    { id: "7.2.5", title: "System and application accounts are assigned and managed minimally", rules: ["R01", "R02", "R03", "R08", "R09", "R11", "R15"] },
    { id: "7.2.5.1", title: "Access of system and application accounts is reviewed periodically", rules: ["R07", "R19"] },
    { id: "8.2.6", title: "Inactive accounts are removed or disabled", rules: ["R07"] },
    { id: "8.3.2", title: "Authentication factors are protected in storage and transit", rules: ["R20"] },
    { id: "8.6.1", title: "Interactive use of system accounts is prevented or controlled", rules: ["R11"] },
    { id: "8.6.2", title: "No hard-coded secrets in scripts, files or documentation", rules: ["R12", "R13", "R21"] },
    { id: "8.6.3", title: "System account secrets are rotated and protected from misuse", rules: ["R04", "R05", "R06", "R12", "R14", "R18"] },
    { id: "10.2.2", title: "Audit records hold who, what, when, where and outcome", rules: ["R17"] },
    { id: "10.3", title: "Audit logs are protected from change", rules: ["R22"] },
  ],
};
