import { readFileSync } from "node:fs";

/** Resident memory of a running process (Linux), or 0 once it has exited. */
export function rssOf(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
    return line ? Number(line[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
