import type { Command } from "commander";
import type { CredentialListQuery, CredentialPage, CredentialRowDto } from "../../lib/domain/credential-query";
import { visibleText } from "../../lib/domain/visible-text";
import { cliViewer } from "../../lib/server/cli-viewer";
import { withDatabase } from "../database";
import { callApi, remoteFrom, type Remote } from "../remote";

type Options = Record<string, string | boolean | undefined> & { json?: boolean; all?: boolean; server?: string; token?: string };

const FILTERS = ["q", "provider", "kind", "environment", "agentAccessible", "principalType", "teamId", "storage", "status", "expiringWithinDays", "noExpiry", "missingFromSource", "createdByImport", "updatedByImport", "unchangedByImport", "markedMissingByImport", "listedByImport", "sort", "order", "limit"] as const;

async function page(remote: Remote | null, query: CredentialListQuery): Promise<CredentialPage> {
  if (!remote) {
    const { listCredentials } = await import("../../lib/server/credentials");
    return listCredentials(cliViewer(), query);
  }
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined) as [string, string][]);
  return callApi<CredentialPage>(remote, `/api/v1/credentials?${params}`);
}

async function collect(remote: Remote | null, query: CredentialListQuery, all: boolean): Promise<{ items: CredentialRowDto[]; total: number }> {
  const items: CredentialRowDto[] = [];
  let cursor: string | undefined;
  let total = 0;
  do {
    const result = await page(remote, { ...query, cursor });
    items.push(...result.items);
    total = result.total;
    cursor = result.nextCursor ?? undefined;
  } while (all && cursor);
  return { items, total };
}

/** One credential as a line of tab-separated cells; names and teams come from imported files. */
export function credentialLine(c: CredentialRowDto): string {
  const env = c.environments === null ? "(not stated)" : c.environments.length ? c.environments.join(",") : "(untagged)";
  const expiry = c.neverExpires ? "never" : (c.expiresAt?.slice(0, 10) ?? "(not stated)");
  const agent = c.agentAccessible === null ? "?" : c.agentAccessible ? "agent" : "-";
  return [c.provider ?? "?", c.kind ?? "?", c.name ?? c.id, env, agent, expiry, c.team?.name ?? c.teamLabel ?? "-"].map(visibleText).join("\t");
}

export function registerCredentials(program: Command): void {
  const command = program
    .command("credentials")
    .description("the credential inventory")
    .command("list")
    .description("list credentials (filters as in the API; lists are comma-separated)")
    .option("--all", "follow every page instead of the first")
    .option("--json", "print JSON: { total, items } for scripts")
    .option("--server <url>", "read from a running Leash server")
    .option("--token <token>", "API token with the read scope (or LEASH_TOKEN)");
  for (const name of FILTERS) command.option(`--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} <value>`, `filter: ${name}`);
  command.action(async (options: Options) => {
    const query = Object.fromEntries(FILTERS.filter((f) => options[f] !== undefined).map((f) => [f, String(options[f])])) as CredentialListQuery;
    const remote = remoteFrom(options);
    const result = remote ? await collect(remote, query, Boolean(options.all)) : await withDatabase(() => collect(null, query, Boolean(options.all)));
    if (options.json) console.log(JSON.stringify(result, null, 2));
    else {
      console.log(["provider", "kind", "name", "environments", "agent", "expires", "team"].join("\t"));
      for (const c of result.items) console.log(credentialLine(c));
      console.log(`${result.items.length} of ${result.total} credentials`);
    }
  });
}
