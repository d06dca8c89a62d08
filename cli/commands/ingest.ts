import { createReadStream } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import type { Command } from "commander";
import { eventFormats } from "../../lib/domain/activity-event";
import { eventFlags, everyLineRejected, type EventDto, type EventFlag, type EventListQuery, type EventPage } from "../../lib/domain/activity-query";
import { visibleText } from "../../lib/domain/visible-text";
import type { IngestReport } from "../../lib/server/activity-ingest";
import { cliViewer } from "../../lib/server/cli-viewer";
import { withDatabase } from "../database";
import { callApi, remoteFrom, type Remote } from "../remote";
import { requireFile } from "../files";
import { rejectedLines } from "../rejected-lines";

type IngestOptions = { json?: boolean; server?: string; token?: string; logLinePrefix?: string; host?: string; database?: string };

const ROUTE: Record<string, string> = { "leash-ndjson": "/api/v1/events", csv: "/api/v1/events?format=csv", cloudtrail: "/api/v1/events/cloudtrail", pgaudit: "/api/v1/events/pgaudit" };

async function ingestRemote(remote: Remote, format: string, file: string, options: IngestOptions): Promise<IngestReport> {
  const url = new URL(ROUTE[format]!, "http://x");
  url.searchParams.set("file", file === "-" ? "stdin" : path.basename(file));
  if (options.logLinePrefix) url.searchParams.set("log_line_prefix", options.logLinePrefix);
  if (options.host) url.searchParams.set("host", options.host);
  if (options.database) url.searchParams.set("database", options.database);
  const body = Readable.toWeb(file === "-" ? process.stdin : createReadStream(file)) as ReadableStream;
  return callApi<IngestReport>(remote, `${url.pathname}${url.search}`, { method: "POST", body, duplex: "half" } as RequestInit, [422]);
}

const FLAG_WORDS: Record<EventFlag, string> = { unapprovedDestructive: "UNAPPROVED-DESTRUCTIVE", crossEnv: "CROSS-ENV", afterExpiry: "AFTER-EXPIRY" };

/**
 * One event as a line of tab-separated cells; actor, agent, operation and resource are whatever the log said, and so
 * are parts of the reasons. The reasons come last, being long: the columns before them line up, and `cut -f1-6` drops them.
 */
export function eventLine(e: EventDto): string {
  const raised = eventFlags.filter((flag) => e[flag]);
  const flags = raised.map((flag) => FLAG_WORDS[flag]).join(",");
  const flagReasons = raised.map((flag) => `${FLAG_WORDS[flag]}: ${e.flagReasons[flag] ?? "?"}`).join("; ");
  const cells = [e.occurredAt, e.actorType + (e.agentName ? `(${e.agentName})` : ""), e.rawOperation, e.resource ?? "-", e.resourceEnvironment ?? "?", flags || "-", e.attributionReason, flagReasons || "-"];
  return cells.map(visibleText).join("\t");
}

const EVENT_LINE_HEADINGS = ["occurred_at", "actor", "operation", "resource", "environment", "flags", "attribution", "flag_reasons"];

export function registerIngest(program: Command): void {
  program
    .command("ingest")
    .description("ingest an activity log (plain or gzip); sending the same file twice stores each event once")
    .argument("<format>", eventFormats.join(" | "))
    .argument("<file>", "the log file, or - for standard input")
    .option("--log-line-prefix <prefix>", "pgaudit: the server's log_line_prefix (default '%m [%p] ')")
    .option("--host <host>", "pgaudit: the database server the log came from")
    .option("--database <name>", "pgaudit: the database, when the prefix does not carry it")
    .option("--json", "print accepted, duplicate, rejected and errors as JSON")
    .option("--server <url>", "send to a running Leash server instead of the local database")
    .option("--token <token>", "API token with the ingest scope (or LEASH_TOKEN)")
    .action(async (format: string, file: string, options: IngestOptions) => {
      if (!(eventFormats as readonly string[]).includes(format)) throw new Error(`unknown format "${format}"; use one of ${eventFormats.join(", ")}`);
      if (file !== "-") requireFile(file);
      const remote = remoteFrom(options);
      const scope = { ...(options.host ? { host: options.host } : {}), ...(options.database ? { database: options.database } : {}) };
      const report = remote
        ? await ingestRemote(remote, format, file, options)
        : await withDatabase(async () => {
            const { ingestEvents } = await import("../../lib/server/activity-ingest");
            return ingestEvents(cliViewer(), {
              format,
              fileName: file === "-" ? "stdin" : path.basename(file),
              input: file === "-" ? process.stdin : createReadStream(file),
              options: { ...(options.logLinePrefix ? { logLinePrefix: options.logLinePrefix } : {}), scope },
            });
          });
      if (options.json) {
        console.log(JSON.stringify({ accepted: report.accepted, duplicate: report.duplicate, rejected: report.rejected, errors: report.errors.map(({ line, reason, field }) => ({ line, reason, ...(field ? { field } : {}) })), status: report.status, failure: report.failure }, null, 2));
      } else {
        console.log(`Ingest ${report.status}: accepted ${report.accepted}, duplicate ${report.duplicate}, rejected ${report.rejected}`);
        for (const line of rejectedLines(report.errors, report.rejected, "lines")) console.log(line);
        if (report.failure) console.log(`  ${report.failure}`);
        if (everyLineRejected(report)) console.log("Nothing was stored: every line was rejected. Fix the lines above and send the file again.");
      }
      if (report.status !== "completed" || everyLineRejected(report)) process.exitCode = 1;
    });

  const list = program
    .command("events")
    .description("the activity log")
    .command("list")
    .description("list events with their attribution and flags")
    .option("--actor-type <types>", "human,agent,service,unknown")
    .option("--agent <name>", "agent name contains")
    .option("--credential <id>", "a credential id, or 'unlinked'")
    .option("--environment <envs>", "production,staging,development,unknown")
    .option("--destructive <bool>", "true | false")
    .option("--flagged <bool>", "true | false")
    .option("--unapproved <bool>", "agent destructive operations in production with no approval before them: true | false")
    .option("--from <iso>", "from this instant")
    .option("--to <iso>", "up to this instant")
    .option("--limit <n>", "page size, 1 to 500", "100")
    .option("--cursor <cursor>", "the page after this one: the cursor a previous page ended with")
    .option("--json", "print JSON")
    .option("--server <url>", "read from a running Leash server")
    .option("--token <token>", "API token with the read scope (or LEASH_TOKEN)");
  list.action(async (options: Record<string, string | boolean | undefined>) => {
    const keys = ["actorType", "agent", "credential", "environment", "destructive", "flagged", "unapproved", "from", "to", "limit", "cursor"] as const;
    const query = Object.fromEntries(keys.filter((k) => options[k] !== undefined).map((k) => [k, String(options[k])])) as EventListQuery;
    const remote = remoteFrom(options as { server?: string; token?: string });
    const page = remote
      ? await callApi<EventPage>(remote, `/api/v1/events?${new URLSearchParams(query as Record<string, string>)}`)
      : await withDatabase(async () => {
          const { listEvents } = await import("../../lib/server/activity");
          return listEvents(cliViewer(), query);
        });
    if (options.json) {
      console.log(JSON.stringify(page, null, 2));
      return;
    }
    console.log(EVENT_LINE_HEADINGS.join("\t"));
    for (const e of page.items) console.log(eventLine(e));
    // The same filters with this cursor list the next page; --json prints it as nextCursor.
    const more = page.nextCursor ? `; more match: the next page is --cursor ${page.nextCursor}` : "";
    console.log(`${page.items.length} event${page.items.length === 1 ? "" : "s"}, newest first${more}`);
  });
}
