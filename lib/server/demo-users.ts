// Demo workspace sign-in details. DEMO ONLY: they are printed on the console and in the README, so an instance
// seeded with them must never hold real data. Leash seeds them only into an empty embedded database.
// (No "server-only" here: the end-to-end tests import these to sign in.)
export const DEMO_PASSWORD = "leash-demo-only-2026";

export const demoTeams = ["Platform", "Payments", "Data", "Mobile", "Security"] as const;

export const demoUsers = [
  { email: "admin@demo.leash.dev", name: "Ada Admin", role: "admin", teams: ["Security"] },
  { email: "auditor@demo.leash.dev", name: "Aud Itor", role: "auditor", teams: [] },
  { email: "engineer@demo.leash.dev", name: "Eng Platform", role: "engineer", teams: ["Platform"] },
  { email: "engineer.payments@demo.leash.dev", name: "Eng Payments", role: "engineer", teams: ["Payments"] },
] as const;
