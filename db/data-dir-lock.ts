import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

export const LOCK_FILE = "leash.lock";
/** The holder the web server takes the data folder as: the one process a CLI command can be sent to instead. */
export const SERVER_HOLDER = "leash server";

export type LockInfo = { pid: number; holder: string; since: string };

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly info: LockInfo,
  ) {
    super(
      `the embedded database in ${dataDir} is in use by ${info.holder} (pid ${info.pid}, since ${info.since}). ` +
        "The embedded database serves one process at a time: stop that process first, or run Leash on Postgres (DATABASE_URL).",
    );
    this.name = "DataDirLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function readLock(dataDir: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE), "utf8")) as LockInfo;
    return isAlive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

/**
 * Takes the data folder for this process, or throws DataDirLockedError naming the holder. A lock left by a process
 * that died is taken over. Returns the release function.
 */
export function acquireDataDirLock(dataDir: string, holder: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, holder, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      const release = () => {
        if (readLock(dataDir)?.pid === process.pid) rmSync(file, { force: true });
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const current = readLock(dataDir);
      if (current && current.pid !== process.pid) throw new DataDirLockedError(dataDir, current);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
