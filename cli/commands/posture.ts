import type { Command } from "commander";
import type { PostureDto } from "../../lib/domain/posture";
import { FRAMEWORKS, frameworkKeysText } from "../../lib/rules";
import { cliViewer } from "../../lib/server/cli-viewer";
import { withDatabase } from "../database";
import { formatPostureTable, parsePercent, postureGate, resolveFramework } from "../posture-format";
import { callApi, remoteFrom } from "../remote";

type PostureOptions = {
  framework: string;
  asOf?: string;
  format: string;
  top: string;
  failUnder?: string;
  failOnNotEffective?: boolean;
  server?: string;
  token?: string;
};

function parseAsOf(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new Error(`--as-of must be an ISO date or instant, not "${text}"`);
  return date;
}

/** `leash posture`: prints a framework's posture; exit 1 when a --fail-* gate trips (2 on errors, as for every command). */
export function registerPosture(program: Command): void {
  program
    .command("posture")
    .description("a framework's score, each control's status and the agent blast radius; gates CI with --fail-under")
    .option("--framework <name>", `${frameworkKeysText("|")}, or a framework id (${FRAMEWORKS.map((f) => f.id).join(", ")})`, "soc2")
    .option("--as-of <iso>", "the posture at a past instant (default: now)")
    .option("--format <format>", "table | json (the posture JSON, unchanged)", "table")
    .option("--top <n>", "table: blast-radius entries to list", "10")
    .option("--fail-under <percent>", "exit 1 when the framework score is below this percentage")
    .option("--fail-on-not-effective", "exit 1 when any control is not effective")
    .option("--server <url>", "read from a running Leash server")
    .option("--token <token>", "API token with the read scope (or LEASH_TOKEN)")
    .action(async (options: PostureOptions) => {
      if (!["table", "json"].includes(options.format)) throw new Error(`unknown format ${options.format} (table, json)`);
      const framework = resolveFramework(options.framework, FRAMEWORKS);
      if (!framework) throw new Error(`unknown framework "${options.framework}"; use ${frameworkKeysText(" | ")} or a framework id`);
      const asOf = parseAsOf(options.asOf);
      const failUnder = options.failUnder === undefined ? undefined : parsePercent(options.failUnder);
      const top = Number(options.top);
      if (!Number.isInteger(top) || top < 0) throw new Error(`--top must be a whole number, not "${options.top}"`);

      const remote = remoteFrom(options);
      let posture: PostureDto;
      if (remote) {
        const query = new URLSearchParams({ framework: framework.id, ...(asOf ? { as_of: asOf.toISOString() } : {}) });
        posture = await callApi<PostureDto>(remote, `/api/v1/posture?${query}`);
      } else {
        posture = await withDatabase(async () => {
          const { getPosture } = await import("../../lib/server/posture");
          return getPosture(cliViewer(), { framework: framework.id, ...(asOf ? { asOf } : {}) });
        });
      }

      process.stdout.write(options.format === "json" ? `${JSON.stringify(posture, null, 2)}\n` : formatPostureTable(posture, { top }));
      const gate = postureGate(posture, { ...(failUnder !== undefined ? { failUnder } : {}), failOnNotEffective: options.failOnNotEffective === true });
      for (const reason of gate.reasons) process.stderr.write(`leash posture: ${reason}\n`);
      if (gate.exitCode !== 0) process.exitCode = gate.exitCode;
    });
}
