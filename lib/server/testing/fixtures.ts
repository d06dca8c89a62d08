import { memberships, teams, users } from "@/db/schema";
import { bytesOf } from "@/lib/ingest/credentials/test-support";
import { db } from "../db";
import { runFullEvaluation } from "../evaluation";
import { importCredentials } from "../imports";
import { hashPassword } from "../passwords";
import { loadViewer, type Viewer } from "../viewer";

export const FIXTURE_PASSWORD = "correct horse battery staple";

export type IdentityFixture = {
  teamA: string;
  teamB: string;
  admin: Viewer;
  auditor: Viewer;
  engineerA: Viewer;
  engineerB: Viewer;
};

async function viewer(userId: string): Promise<Viewer> {
  const loaded = await loadViewer(userId, { via: "session", ip: "127.0.0.1", requestId: "test" });
  if (!loaded) throw new Error("fixture user did not load");
  return loaded;
}

/** Two teams and one user per role (an engineer in each team), written straight to the database. */
export async function seedIdentity(): Promise<IdentityFixture> {
  const passwordHash = await hashPassword(FIXTURE_PASSWORD);
  const [a, b] = await db().insert(teams).values([{ name: "Team A", slug: "team-a" }, { name: "Team B", slug: "team-b" }]).returning();
  const rows = await db()
    .insert(users)
    .values(
      ([
        ["admin", "admin"],
        ["auditor", "auditor"],
        ["engineer-a", "engineer"],
        ["engineer-b", "engineer"],
      ] as const).map(([who, role]) => ({ email: `${who}@fixture.test`, name: who, role, passwordHash })),
    )
    .returning();
  const [admin, auditor, engineerA, engineerB] = rows;
  await db()
    .insert(memberships)
    .values([
      { userId: engineerA!.id, teamId: a!.id },
      { userId: engineerB!.id, teamId: b!.id },
    ]);
  return {
    teamA: a!.id,
    teamB: b!.id,
    admin: await viewer(admin!.id),
    auditor: await viewer(auditor!.id),
    engineerA: await viewer(engineerA!.id),
    engineerB: await viewer(engineerB!.id),
  };
}

/** The identity fixture with a Leash CSV inventory imported (source "main") and a full evaluation of it run. */
export async function seedIdentityWithInventory(csv: string): Promise<IdentityFixture> {
  const f = await seedIdentity();
  const run = await importCredentials(f.admin, { format: "leash-csv", fileName: "keys.csv", source: "main", input: bytesOf(csv, 4096) });
  if (run.status !== "applied") throw new Error(`fixture inventory did not import: ${JSON.stringify(run.errors.slice(0, 3))}`);
  await runFullEvaluation(f.admin, "test");
  return f;
}

/** Imports credentials given as Leash JSON rows (`external_id`, `provider`, `kind`, `team`, `public_id`…) as the admin. */
export async function importJsonCredentials(f: IdentityFixture, rows: Record<string, unknown>[], source = "test"): Promise<void> {
  const run = await importCredentials(f.admin, { format: "leash-json", source, fileName: `${source}.json`, input: bytesOf(JSON.stringify(rows), 4096) });
  if (run.status !== "applied") throw new Error(`fixture credentials did not import: ${JSON.stringify(run.errors.slice(0, 3))}`);
}
