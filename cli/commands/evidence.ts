import { createPublicKey } from "node:crypto";
import { createWriteStream, readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Command } from "commander";
import type { EvidencePackageDto, EvidenceRequest } from "../../lib/domain/evidence";
import { PERIOD_DAY_MESSAGE, periodDayOf } from "../../lib/domain/period-day";
import { visibleText } from "../../lib/domain/visible-text";
import { frameworkKeysText } from "../../lib/rules";
import { cliViewer } from "../../lib/server/cli-viewer";
import type { PublicKeyDto } from "../../lib/server/evidence-keys";
import { withDatabase } from "../database";
import { requireFile } from "../files";
import { callApi, remoteFrom, type Remote } from "../remote";

type ExportOptions = { framework: string; asOf?: string; from?: string; to?: string; out: string; server?: string; token?: string };
type VerifyOptions = { publicKey?: string[]; server?: string; json?: boolean };

/** The published keys of a server: public, so no token is needed. */
async function serverKeys(server: string): Promise<PublicKeyDto[]> {
  const url = `${server.replace(/\/+$/, "")}/api/v1/evidence/public-key`;
  const response = await fetch(url).catch((error: Error) => {
    throw new Error(`cannot reach ${server}: ${error.message}`);
  });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return ((await response.json()) as { keys: PublicKeyDto[] }).keys;
}

/**
 * A key file given to verify, checked to be an Ed25519 public key: a wrong file must stop the check, not read as a
 * signature that fails (which an auditor would take for a tampered package).
 */
function publicKeyFile(file: string): string {
  const pem = readFileSync(requireFile(file, "public key file"), "utf8");
  let type: string | undefined;
  try {
    type = createPublicKey(pem).asymmetricKeyType;
  } catch {
    throw new Error(`--public-key ${file}: not a PEM public key (\`leash evidence public-key\` prints one)`);
  }
  if (type !== "ed25519") throw new Error(`--public-key ${file}: a key of type ${type ?? "unknown"}, but Leash packages are signed with Ed25519`);
  return pem;
}

/** A package can be far larger than memory: it goes to the file as it arrives. */
const writeOut = (content: AsyncIterable<Uint8Array>, out: string) => pipeline(Readable.from(content), createWriteStream(out));

async function exportRemote(remote: Remote, body: EvidenceRequest, out: string): Promise<EvidencePackageDto> {
  const pkg = await callApi<EvidencePackageDto>(remote, "/api/v1/evidence", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const response = await fetch(`${remote.server}/api/v1/evidence/${pkg.id}/download`, { headers: { authorization: `Bearer ${remote.token}` } });
  if (!response.ok || !response.body) throw new Error(`download failed: HTTP ${response.status}`);
  await writeOut(Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>), out);
  return pkg;
}

/** `leash evidence export | verify | public-key | rotate-key`. */
export function registerEvidence(program: Command): void {
  const evidence = program.command("evidence").description("signed evidence packages for auditors");

  evidence
    .command("export")
    .description("build a signed package for a framework, as of an instant or for a period, and write the zip")
    .requiredOption("--framework <name>", `${frameworkKeysText()}, or a framework id`)
    .option("--as-of <iso>", "the instant (default: now)")
    .option("--from <date>", "first day (UTC) of a period, YYYY-MM-DD, with --to")
    .option("--to <date>", "last day (UTC) of a period, YYYY-MM-DD")
    .requiredOption("--out <file>", "where to write the zip")
    .option("--server <url>", "build on a running Leash server")
    .option("--token <token>", "API token with the evidence scope (or LEASH_TOKEN)")
    .action(async (options: ExportOptions) => {
      const body: EvidenceRequest = { framework: options.framework };
      if (options.asOf) {
        const at = new Date(options.asOf);
        if (Number.isNaN(at.getTime())) throw new Error(`--as-of must be an ISO date or instant, not "${options.asOf}"`);
        body.asOf = at.toISOString();
      }
      // Named by its flag here: the server's answer would name the body's field, which this command never showed.
      for (const end of ["from", "to"] as const) {
        const value = options[end];
        if (value === undefined) continue;
        body[end] = periodDayOf(value) ?? undefined;
        if (!body[end]) throw new Error(`--${end} ${PERIOD_DAY_MESSAGE}, not "${value}"`);
      }
      const remote = remoteFrom(options);
      const pkg = remote
        ? await exportRemote(remote, body, options.out)
        : await withDatabase(async () => {
            const { buildEvidencePackage, downloadEvidencePackage } = await import("../../lib/server/evidence");
            const built = await buildEvidencePackage(cliViewer(), body);
            await writeOut((await downloadEvidencePackage(cliViewer(), built.id)).content, options.out);
            return built;
          });
      process.stdout.write(`${options.out}: package ${pkg.id}, ${pkg.bytes} bytes, sha256 ${pkg.sha256}, signed by key ${pkg.keyId}\n`);
    });

  evidence
    .command("verify <zip>")
    .description("check a package offline: the signature, every file's SHA-256, size and record count; exit 1 on any mismatch")
    .option("--public-key <file...>", "PEM public key(s), current or retired")
    .option("--server <url>", "fetch the published public keys from this Leash server")
    .option("--json", "print the result as JSON")
    .action(async (zip: string, options: VerifyOptions) => {
      requireFile(zip);
      const keys = [...(options.publicKey ?? []).map(publicKeyFile), ...(options.server ? (await serverKeys(options.server)).map((k) => k.publicKeyPem) : [])];
      if (!keys.length) throw new Error("give --public-key FILE or --server URL: a signature is only as good as the key you check it with");
      const { verifyPackage } = await import("../../lib/evidence/package/verify");
      const result = await verifyPackage(zip, keys);
      if (options.json) process.stdout.write(`${JSON.stringify({ ok: result.ok, keyId: result.keyId, problems: result.problems, package: result.manifest?.package ?? null }, null, 2)}\n`);
      else if (result.ok) process.stdout.write(`${zip}: OK — signed by key ${result.keyId}, ${result.manifest!.files.length} files match the manifest\n`);
      // A problem names the entries of a package that came from elsewhere.
      else for (const problem of result.problems) process.stdout.write(`${zip}: ${visibleText(problem)}\n`);
      if (!result.ok) process.exitCode = 1;
    });

  evidence
    .command("public-key")
    .description("print the current evidence signing public key (PEM), for verifying packages offline")
    .option("--server <url>", "from a running Leash server instead of this instance's database")
    .option("--all", "every key, current and retired")
    .option("--key-id <id>", "the key a package was signed with (its manifest's key id), current or retired")
    .action(async (options: { server?: string; all?: boolean; keyId?: string }) => {
      const keys = options.server
        ? await serverKeys(options.server)
        : await withDatabase(async () => (await import("../../lib/server/evidence-keys")).publicKeys());
      const chosen = keys.filter((k) => (options.keyId ? k.keyId === options.keyId : options.all || k.current));
      if (options.keyId && chosen.length === 0) {
        throw new Error(`--key-id ${options.keyId}: no such evidence signing key here; the keys are ${keys.map((k) => k.keyId).join(", ")}`);
      }
      for (const key of chosen) process.stdout.write(key.publicKeyPem);
    });

  evidence
    .command("rotate-key")
    .description("retire the current signing key and sign from now on with a new one (packages signed before still verify)")
    .action(async () => {
      const key = await withDatabase(async () => {
        const { rotateSigningKey } = await import("../../lib/server/evidence-keys");
        return rotateSigningKey(cliViewer());
      });
      process.stdout.write(`New signing key ${key.keyId}; the previous key is retired and still published for verification.\n${key.publicKeyPem}`);
    });
}
