import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { looksBinary } from "./readers";
import { scanContent, skipReason, type ContentScanOptions } from "./scan-file";
import type { Finding } from "./types";

const MAX_BLOB = 16 * 1024 * 1024;

export interface GitBlob {
  sha: string;
  path: string;
  /** The first commit (oldest first) that introduced this blob. */
  commit: string;
}

/** Every blob reachable from any ref, once, with the path and commit that first introduced it. */
export async function listGitBlobs(repo: string): Promise<GitBlob[]> {
  const child = spawn("git", ["-c", "core.quotepath=false", "-C", repo, "log", "--all", "--reverse", "--raw", "--no-abbrev", "--no-renames", "--format=commit %H"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const blobs = new Map<string, GitBlob>();
  let commit = "";
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    if (line.startsWith("commit ")) commit = line.slice(7);
    else if (line.startsWith(":")) {
      const tab = line.indexOf("\t");
      const fields = line.slice(1, tab).split(" ");
      const sha = fields[3] ?? "";
      const mode = fields[1] ?? "";
      if (!/^0+$/.test(sha) && mode.startsWith("100") && !blobs.has(sha)) blobs.set(sha, { sha, path: line.slice(tab + 1), commit });
    }
  }
  const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`git log failed in ${repo} (exit ${code})`);
  return [...blobs.values()];
}

/** Reads blobs through one `git cat-file --batch` process: one blob in memory at a time. */
async function* readBlobs(repo: string, blobs: GitBlob[]): AsyncGenerator<{ blob: GitBlob; bytes: Buffer | undefined }> {
  const child = spawn("git", ["-C", repo, "cat-file", "--batch"], { stdio: ["pipe", "pipe", "ignore"] });
  const reader = child.stdout[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let buf = Buffer.alloc(0);
  const need = async (n: number): Promise<void> => {
    while (buf.length < n) {
      const next = await reader.next();
      if (next.done) throw new Error("git cat-file ended early");
      buf = Buffer.concat([buf, next.value]);
    }
  };
  for (const blob of blobs) {
    child.stdin.write(`${blob.sha}\n`);
    let nl = buf.indexOf(10);
    while (nl === -1) {
      await need(buf.length + 1);
      nl = buf.indexOf(10);
    }
    const header = buf.subarray(0, nl).toString();
    buf = buf.subarray(nl + 1);
    const size = Number(header.split(" ")[2] ?? "0");
    if (header.endsWith("missing")) continue;
    await need(size + 1);
    yield { blob, bytes: size <= MAX_BLOB ? Buffer.from(buf.subarray(0, size)) : undefined };
    buf = buf.subarray(size + 1);
  }
  child.stdin.end();
}

/** Scans the whole history of a repository; a finding names the path and the commit that added it. */
export async function scanGitHistory(repo: string, options: ContentScanOptions): Promise<{ findings: Finding[]; blobs: number }> {
  const blobs = (await listGitBlobs(repo)).filter((b) => !skipReason(b.path));
  const findings: Finding[] = [];
  for await (const { blob, bytes } of readBlobs(repo, blobs)) {
    if (!bytes || looksBinary(bytes)) continue;
    for (const f of scanContent(blob.path, bytes, options)) findings.push({ ...f, context: { ...f.context, commit: blob.commit } });
  }
  return { findings, blobs: blobs.length };
}
