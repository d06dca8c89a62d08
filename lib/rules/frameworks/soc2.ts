import type { Framework } from "./types";

export const SOC2: Framework = {
  key: "soc2",
  id: "soc2",
  name: "SOC 2 (Trust Services Criteria, security)",
  label: "SOC 2",
  crosswalk: false,
  controls: [
    { id: "CC6.1", title: "Logical access is restricted to authorized, scoped credentials", rules: ["R01", "R02", "R03", "R04", "R05", "R06", "R08", "R10", "R12", "R13", "R15", "R16", "R20"] },
    { id: "CC6.2", title: "Credentials are issued, owned and removed deliberately", rules: ["R01", "R04", "R07", "R11", "R18", "R19"] },
    { id: "CC6.3", title: "Access follows least privilege and is reviewed", rules: ["R09", "R10", "R16", "R19"] },
    { id: "CC6.6", title: "Access from outside the intended boundary is prevented", rules: ["R08", "R12", "R13", "R15"] },
    { id: "CC7.2", title: "Security events and anomalies are monitored and recorded", rules: ["R12", "R14", "R17", "R21", "R22"] },
    { id: "CC8.1", title: "Changes to production are authorized before they happen", rules: ["R16"] },
  ],
};
