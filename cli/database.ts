import type { Command } from "commander";
import { SERVER_HOLDER } from "../db/data-dir-lock";
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

/**
 * A refusal to open the embedded database another process holds, with this command's way round it while a server
 * holds it: only a command that takes --server can be sent to the server instead (the refusal suggested --server to
 * every command, and the others refuse the option). Held by another command, the refusal says enough: wait for it.
 */
export function heldDatabaseMessage(refusal: Error & { info?: { holder?: string } }, command: Command): string {
  if (refusal.info?.holder !== SERVER_HOLDER) return refusal.message;
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  const name = names.join(" ");
  const remote = command.options.some((option) => option.long === "--server");
  const way = remote
    ? `Or send the command to that server: ${name} … --server URL --token T.`
    : `${name} cannot be sent to a server: while the server runs, use its web UI or API instead.`;
  return `${refusal.message} ${way}`;
}

/** By name, not instanceof: the CLI loads the database modules only inside a command's action. */
export function isHeldDatabase(error: unknown): error is Error {
  return error instanceof Error && error.name === "DataDirLockedError";
}
