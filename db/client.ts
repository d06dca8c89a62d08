import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { acquireDataDirLock } from "./data-dir-lock";
import * as schema from "./schema";

export type Schema = typeof schema;
/** One type for both engines: the embedded PGlite and a Postgres server run the same queries. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type OpenedDatabase = {
  db: Database;
  engine: "pglite" | "postgres";
  /** Applies the committed migrations (db/migrations); safe to call on every start. */
  migrate: () => Promise<void>;
  close: () => Promise<void>;
};

/** Where Leash is installed: LEASH_ROOT (set by the CLI) or the working directory. */
function installationRoot(): string {
  return path.resolve(process.env.LEASH_ROOT ?? process.cwd());
}

/** Migrations ship with the app. */
export function migrationsFolder(): string {
  return path.join(installationRoot(), "db/migrations");
}

// Any number of web processes and workers may start at once against one Postgres: one migrates, the rest wait.
const MIGRATION_LOCK = 727_001;

async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migrateNodePg(drizzleNodePg({ client }), { migrationsFolder: migrationsFolder() });
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

function openedPglite(client: PGlite, release: () => void): OpenedDatabase {
  const db = drizzlePglite({ client, schema, casing: "snake_case" });
  return {
    db: db as unknown as Database,
    engine: "pglite",
    migrate: () => migratePglite(db, { migrationsFolder: migrationsFolder() }),
    close: async () => {
      await client.close();
      release();
    },
  };
}

export type OpenOptions =
  | { engine: "postgres"; url: string; poolSize?: number }
  | {
      engine: "pglite";
      /** Folder holding the data (created if missing); omit for an in-memory database. */
      dataDir?: string;
      /** Who holds the folder: the server and the CLI cannot both open it (PGlite is one process's database). */
      holder?: string;
    };

export async function openDatabase(options: OpenOptions): Promise<OpenedDatabase> {
  if (options.engine === "postgres") {
    // A bounded wait for a connection: after a server restart a request or job fails with an error it can report or
    // retry, rather than waiting forever on a pool whose connections died.
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, connectionTimeoutMillis: 15_000, keepAlive: true });
    // An idle connection dropped by the server (restart, failover) must not crash the process: log it; the pool
    // replaces the connection, and in-flight work fails with its own error.
    pool.on("error", (error) => console.error(`[leash] idle Postgres connection lost: ${error.message}`));
    // A connection lost while checked out (a transaction waiting on its input) emits on the client, where the pool
    // does not listen: without a listener that would end the process. Its next query fails, and the work with it.
    const open = new Set<pg.Client>();
    pool.on("connect", (client) => {
      open.add(client);
      client.on("end", () => open.delete(client));
      client.on("error", (error) => console.error(`[leash] Postgres connection lost in use: ${error.message}`));
    });
    // Fail at open, with the server's own message, rather than at the first query.
    await pool.query("select 1");
    const db = drizzleNodePg({ client: pool, schema, casing: "snake_case" }) as unknown as Database;
    return { db, engine: "postgres", migrate: () => migratePostgres(pool), close: () => closePool(pool, open) };
  }
  if (!options.dataDir) return openedPglite(await PGlite.create(), () => undefined);
  mkdirSync(options.dataDir, { recursive: true });
  const release = acquireDataDirLock(options.dataDir, options.holder ?? "process");
  const pgdata = path.join(options.dataDir, "pgdata");
  try {
    if (!existsSync(path.join(pgdata, "PG_VERSION"))) await createCluster(pgdata);
    return openedPglite(await PGlite.create(pgdata), release);
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * Ends the pool and waits until each of its connections has closed: the pool's own end() returns once it has asked
 * them to, while the server may still be serving them (a caller that drops the database next would cut them off).
 */
async function closePool(pool: pg.Pool, open: Set<pg.Client>): Promise<void> {
  const closing = [...open].map((client) => once(client, "end"));
  await pool.end();
  await Promise.all(closing);
}

/**
 * Creates a new embedded cluster in a short-lived Node process of its own. Creating one takes about 450 MB of
 * WebAssembly memory beyond what an open database holds; in the process that goes on to serve, V8 left that garbage
 * uncollected for as long as nothing else allocated much (a server on a new folder kept about 1 GB resident against
 * 450 MB on one that existed, measured), so it is never allocated there.
 */
async function createCluster(pgdata: string): Promise<void> {
  const script = 'import { PGlite } from "@electric-sql/pglite"; const db = await PGlite.create(process.argv[1]); await db.close();';
  // Bare specifiers in evaluated code resolve from the working directory: the installation, as for migrations.
  const child = spawn(process.execPath, ["--input-type=module", "--eval", script, pgdata], { cwd: installationRoot(), stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, "close")) as [number | null];
  if (code !== 0) throw new Error(`could not create the embedded database in ${pgdata}: ${stderr.trim() || `exit ${code}`}`);
}

/**
 * Runs `work` while holding a session-level advisory lock on a connection of its own, so that processes sharing one
 * Postgres server take turns. The embedded database belongs to one process, which serializes its own work: there
 * it simply runs.
 */
export async function whileHoldingLock<T>(db: Database, key: number, work: () => Promise<T>): Promise<T> {
  const pool = (db as unknown as { $client?: unknown }).$client;
  if (!(pool instanceof pg.Pool)) return work();
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("select pg_advisory_lock($1)", [key]);
    return await work();
  } finally {
    // A connection that cannot unlock is dropped: the server releases a lost session's locks itself.
    await client.query("select pg_advisory_unlock($1)", [key]).catch(() => (broken = true));
    client.release(broken);
  }
}

/** Cheap liveness probe used by the health endpoint and tests. */
export async function ping(db: Database): Promise<boolean> {
  const result = (await db.execute(sql`select 1 as ok`)) as unknown as { rows: unknown[] };
  return result.rows.length === 1;
}
