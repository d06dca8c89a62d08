import type { OpenedDatabase } from "../db/client";

/**
 * Runs a command body against the configured database (DATABASE_URL, or the embedded one, which must not be held
 * by a running server) and closes it afterwards, whatever happens. Migrations are applied first, as the server does
 * at start: a command run before the server ever started (a fresh data folder) or after an upgrade finds the schema
 * it expects; on a current schema this is one query.
 */
export async function withDatabase<T>(body: (opened: OpenedDatabase) => Promise<T>): Promise<T> {
  const { openConfiguredDatabase } = await import("../lib/server/configured-database");
  const opened = await openConfiguredDatabase("leash cli");
  try {
    await opened.migrate();
    return await body(opened);
  } finally {
    await opened.close();
  }
}
