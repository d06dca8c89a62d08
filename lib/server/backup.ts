import "server-only";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { acquireDataDirLock } from "@/db/data-dir-lock";
import { readZipEntries } from "@/lib/evidence/package/read-zip";
import { zipPackage } from "@/lib/evidence/package/zip";

/**
 * Backups of the embedded database: one zip holding PGlite's own dump of the data folder and the instance secrets
 * beside it (the fingerprint key and auth secret, without which fingerprints stop matching and the evidence signing
 * key cannot be decrypted). Postgres deployments use pg_dump instead (docs/deployment.md).
 */

const FORMAT = "leash-embedded-backup";
const DATABASE_ENTRY = "pgdata.tar.gz";

type BackupManifest = { format: typeof FORMAT; version: 1; createdAt: string; files: Record<string, string> };

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** Writes a backup of the data folder to `file` (never over an existing file). The server must not be running. */
export async function backupEmbedded(dataDir: string, file: string): Promise<{ bytes: number; secrets: number }> {
  if (!existsSync(path.join(dataDir, "pgdata"))) throw new Error(`no embedded database in ${dataDir}`);
  const release = acquireDataDirLock(dataDir, "leash db backup");
  try {
    const client = await PGlite.create(path.join(dataDir, "pgdata"));
    const dump = Buffer.from(await (await client.dumpDataDir("gzip")).arrayBuffer());
    await client.close();
    const secretsDir = path.join(dataDir, "secrets");
    const secrets = existsSync(secretsDir) ? readdirSync(secretsDir).map((name) => ({ path: `secrets/${name}`, bytes: readFileSync(path.join(secretsDir, name)) })) : [];
    const entries = [{ path: DATABASE_ENTRY, bytes: dump }, ...secrets];
    const manifest: BackupManifest = { format: FORMAT, version: 1, createdAt: new Date().toISOString(), files: Object.fromEntries(entries.map((e) => [e.path, sha256(e.bytes)])) };
    const zip = await zipPackage([{ path: "manifest.json", bytes: Buffer.from(JSON.stringify(manifest, null, 2)) }, ...entries], new Date());
    // The backup holds the instance secrets: readable by its owner only.
    writeFileSync(file, zip, { mode: 0o600, flag: "wx" });
    return { bytes: zip.length, secrets: secrets.length };
  } finally {
    release();
  }
}

/** Checks a backup whole (manifest, every hash) before anything is written, and names what is wrong. */
async function readBackup(file: string): Promise<Map<string, Buffer>> {
  const entries = await readZipEntries(readFileSync(file)).catch((error: Error) => {
    throw new Error(`${file} is not a Leash backup: ${error.message}`);
  });
  const raw = entries.get("manifest.json");
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(raw?.toString("utf8") ?? "") as BackupManifest;
  } catch {
    throw new Error(`${file} is not a Leash backup: manifest.json is missing or unreadable`);
  }
  if (manifest.format !== FORMAT || manifest.version !== 1) throw new Error(`${file} is not a Leash embedded-database backup (format ${String(manifest.format)})`);
  if (!manifest.files[DATABASE_ENTRY]) throw new Error(`${file}: the backup holds no database`);
  for (const [name, hash] of Object.entries(manifest.files)) {
    const bytes = entries.get(name);
    if (!bytes) throw new Error(`${file}: ${name} is listed in the manifest but missing`);
    if (sha256(bytes) !== hash) throw new Error(`${file}: ${name} does not match its SHA-256 in the manifest (damaged or altered)`);
    if (name !== DATABASE_ENTRY && !/^secrets\/[\w.-]+$/.test(name)) throw new Error(`${file}: unexpected entry ${name}`);
  }
  return entries;
}

/** Restores a backup into an empty (or absent) data folder; refuses to overwrite a database. */
export async function restoreEmbedded(dataDir: string, file: string): Promise<void> {
  const entries = await readBackup(file);
  if (existsSync(path.join(dataDir, "pgdata"))) {
    throw new Error(`${dataDir} already holds a database: restore into an empty folder (LEASH_DATA_DIR), or move this one away first`);
  }
  mkdirSync(dataDir, { recursive: true });
  const release = acquireDataDirLock(dataDir, "leash db restore");
  try {
    const secrets = [...entries.keys()].filter((name) => name.startsWith("secrets/"));
    if (secrets.length) mkdirSync(path.join(dataDir, "secrets"), { recursive: true, mode: 0o700 });
    for (const name of secrets) writeFileSync(path.join(dataDir, name), entries.get(name)!, { mode: 0o600 });
    const client = await PGlite.create(path.join(dataDir, "pgdata"), { loadDataDir: new Blob([new Uint8Array(entries.get(DATABASE_ENTRY)!)]) });
    await client.query("select 1");
    await client.close();
  } finally {
    release();
  }
}
