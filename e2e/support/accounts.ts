import { fileURLToPath } from "node:url";
import { DEMO_PASSWORD, demoUsers } from "@/lib/server/demo-users";

export { DEMO_PASSWORD };

export type DemoRole = "admin" | "auditor" | "engineer" | "engineerPayments";

const byEmail = (email: string) => {
  const user = demoUsers.find((u) => u.email === email);
  if (!user) throw new Error(`demo user ${email} is not seeded`);
  return user;
};

/** The seeded demo accounts, one per role (two engineers on different teams for isolation checks). */
export const accounts: Record<DemoRole, { email: string; name: string; role: string; teams: readonly string[] }> = {
  admin: byEmail("admin@demo.leash.dev"),
  auditor: byEmail("auditor@demo.leash.dev"),
  engineer: byEmail("engineer@demo.leash.dev"),
  engineerPayments: byEmail("engineer.payments@demo.leash.dev"),
};

/** Where the setup project saves each role's signed-in browser state (gitignored). */
export function storageStatePath(role: DemoRole): string {
  return fileURLToPath(new URL(`../.auth/${role}.json`, import.meta.url));
}

/** A unique suffix so re-runs against a kept database never collide on unique emails or names. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}
