import { createReadStream, openAsBlob } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import type { ImportRunDto } from "../../lib/domain/credential-query";
import { visibleText } from "../../lib/domain/visible-text";
import { CREDENTIAL_FORMATS } from "../../lib/ingest/credentials/registry";
import { cliViewer } from "../../lib/server/cli-viewer";
import { withDatabase } from "../database";
import { callApi, remoteFrom } from "../remote";
import { requireFile } from "../files";
import { rejectedLines } from "../rejected-lines";

type Options = { source?: string; applyValid?: boolean; fullSync?: boolean; json?: boolean; server?: string; token?: string };

async function importRemote(options: Options, format: string, file: string): Promise<ImportRunDto> {
  const remote = remoteFrom(options)!;
  const form = new FormData();
  form.append("format", format);
  if (options.source) form.append("source", options.source);
  form.append("apply_valid", String(Boolean(options.applyValid)));
  form.append("full_sync", String(Boolean(options.fullSync)));
  form.append("file", await openAsBlob(file), path.basename(file)); // streamed from disk, not read whole
  return callApi<ImportRunDto>(remote, "/api/v1/imports", { method: "POST", body: form }, [422]);
}

function printReport(run: ImportRunDto): void {
  const c = run.counts;
  console.log(`Import ${run.status}: ${visibleText(run.fileName)} → source "${visibleText(run.source.name)}" (${run.format}), sha256 ${run.fileSha256 ?? "-"}`);
  console.log(`  read ${c.read}, created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, rejected ${c.rejected}, marked missing ${c.markedMissing}`);
  for (const line of rejectedLines(run.errors, c.rejected, "rows")) console.log(line);
  if (run.unknownTeams?.length) {
    const named = run.unknownTeams.map((t) => `${visibleText(t.name)} (${t.credentials})`).join(", ");
    console.log(`  Teams Leash does not have: ${named}. Their credentials have no team until an admin creates it (Settings → Teams).`);
  }
  if (run.status === "rejected") console.log("Nothing was written. Fix the rows above, or pass --apply-valid to import the valid rows.");
  if (run.failure) console.log(`  ${run.failure}`);
}

export function registerImport(program: Command): void {
  program
    .command("import")
    .description("import a credential inventory file (one transaction: all or nothing unless --apply-valid)")
    .argument("<format>", CREDENTIAL_FORMATS.join(" | "))
    .argument("<file>", "the export file")
    .option("--source <name>", "inventory source name (default: the format); re-importing updates it")
    .option("--apply-valid", "import the valid rows even when some are rejected")
    .option("--full-sync", "the file is the whole source: mark credentials it no longer lists as missing (none when a row is rejected)")
    .option("--json", "print the run report as JSON (created, updated, unchanged, rejected, errors)")
    .option("--server <url>", "send the file to a running Leash server instead of the local database")
    .option("--token <token>", "API token with the ingest scope (or LEASH_TOKEN)")
    .action(async (format: string, file: string, options: Options) => {
      if (!CREDENTIAL_FORMATS.includes(format as never)) throw new Error(`unknown format "${format}"; use one of ${CREDENTIAL_FORMATS.join(", ")}`);
      requireFile(file);
      const run = remoteFrom(options)
        ? await importRemote(options, format, file)
        : await withDatabase(async () => {
            const { importCredentials } = await import("../../lib/server/imports");
            return importCredentials(cliViewer(), {
              format,
              source: options.source,
              fileName: path.basename(file),
              input: createReadStream(file),
              applyValid: options.applyValid,
              fullSync: options.fullSync,
            });
          });
      if (options.json) {
        const c = run.counts;
        console.log(JSON.stringify({ id: run.id, status: run.status, created: c.created, updated: c.updated, unchanged: c.unchanged, rejected: c.rejected, marked_missing: c.markedMissing, unknown_teams: run.unknownTeams ?? [], errors: run.errors, failure: run.failure }, null, 2));
      } else printReport(run);
      if (run.status !== "applied") process.exitCode = 1;
    });
}
