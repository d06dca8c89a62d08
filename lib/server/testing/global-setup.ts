import pg from "pg";
import { TEST_DATABASE_PREFIX } from "./test-db";

/** Names this run's Postgres test databases and drops whatever the run leaves behind. */
export default async function setup(): Promise<() => Promise<void>> {
  const run = `${Date.now().toString(36)}_${process.pid}`;
  process.env.LEASH_TEST_RUN = run;
  return async () => {
    if (!process.env.TEST_DATABASE_URL) return;
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname like $1", [
        `${TEST_DATABASE_PREFIX}${run}%`,
      ]);
      for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
    } finally {
      await client.end();
    }
  };
}
