import type { Database } from "@/db/client";

// The process's database, set once at start (server, CLI, worker) or per test file. Data access functions read it
// through db() so their signatures stay (viewer, input). Kept on globalThis because Next.js may load this module
// in more than one bundle (instrumentation, route handlers, server components) within one process.
const slot = globalThis as typeof globalThis & { __leashDatabase?: Database | null };

export function useDatabase(database: Database | null): void {
  slot.__leashDatabase = database;
}

export function db(): Database {
  const database = slot.__leashDatabase;
  if (!database) throw new Error("database not opened: call useDatabase() at start");
  return database;
}

/** Liveness: whether the database answers a trivial query. */
export async function databaseAnswers(): Promise<boolean> {
  const { ping } = await import("@/db/client");
  return ping(db()).catch(() => false);
}
