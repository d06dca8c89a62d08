import type { OpenedDatabase } from "../db/client";

/**
 * Runs a command body against the configured database (DATABASE_URL, or the embedded one, which must not be held
 * by a running server) and closes it afterwards, whatever happens.
 */
export async function withDatabase<T>(body: (opened: OpenedDatabase) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const { openConfiguredDatabase } = await import("../lib/server/startup");
  const opened = await openConfiguredDatabase("leash cli");
  try {
    if (options.migrate !== false) await opened.migrate();
    return await body(opened);
  } finally {
    await opened.close();
  }
}
