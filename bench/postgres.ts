import pg from "pg";
import { openDatabase, type OpenedDatabase } from "../db/client";

/** A throwaway database on the server for one benchmark, dropped afterwards. */
export async function freshPostgres(url: string, label: string): Promise<{ opened: OpenedDatabase; url: string; drop: () => Promise<void> }> {
  const name = `leash_bench_${label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.query(`create database "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const opened = await openDatabase({ engine: "postgres", url: target.toString() });
  return {
    opened,
    url: target.toString(),
    drop: async () => {
      await opened.close();
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
