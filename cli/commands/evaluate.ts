import type { Command } from "commander";
import type { EvaluationRunDto } from "../../lib/domain/posture";
import { cliViewer } from "../../lib/server/cli-viewer";
import { withDatabase } from "../database";
import { formatEvaluationRun } from "../posture-format";
import { callApi, remoteFrom } from "../remote";

type EvaluateOptions = { format: string; server?: string; token?: string };

/** `leash evaluate`: a full evaluation of every rule; exit 1 when the run failed, 2 on errors. */
export function registerEvaluate(program: Command): void {
  program
    .command("evaluate")
    .description("evaluate every rule against every subject now: opens and resolves findings, records the run")
    .option("--format <format>", "table | json (the evaluation run)", "table")
    .option("--server <url>", "run on a Leash server instead of the local database")
    .option("--token <token>", "API token with the admin scope (or LEASH_TOKEN)")
    .action(async (options: EvaluateOptions) => {
      if (!["table", "json"].includes(options.format)) throw new Error(`unknown format ${options.format} (table, json)`);
      const remote = remoteFrom(options);
      const run: EvaluationRunDto = remote
        ? await callApi<EvaluationRunDto>(remote, "/api/v1/evaluations", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })
        : await withDatabase(async () => {
            const { runFullEvaluation } = await import("../../lib/server/evaluation");
            return runFullEvaluation(cliViewer(), "cli");
          });
      process.stdout.write(options.format === "json" ? `${JSON.stringify(run, null, 2)}\n` : formatEvaluationRun(run));
      if (run.status === "failed") process.exitCode = 1;
    });
}
