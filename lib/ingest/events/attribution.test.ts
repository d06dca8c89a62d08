import { describe, expect, it } from "vitest";
import type { PrincipalType } from "../../domain/activity-event";
import { attribute, type AttributionInput } from "./attribution";

function input(over: Partial<AttributionInput> = {}): AttributionInput {
  return { explicit: {}, tags: {}, origin: {}, session: {}, credential: null, actor: "alice@example.com", ...over };
}
const principal = (type: PrincipalType) => ({ principalTypeOf: () => type });
const withKey = { credential: { keyId: "key-1" } };

describe("attribute", () => {
  const cases: { name: string; event: AttributionInput; ctx?: Parameters<typeof attribute>[1]; expected: ReturnType<typeof attribute> }[] = [
    {
      name: "explicit actor_type wins over everything",
      event: input({ explicit: { actorType: "human" }, origin: { userAgent: "claude-cli/1.0" }, tags: { actor_type: "agent" } }),
      expected: { actorType: "human", reason: "The event's actor_type field says human." },
    },
    {
      name: "explicit agent keeps agent name and on-behalf-of",
      event: input({ explicit: { actorType: "agent", agentName: "nightly-bot", onBehalfOf: "bob" } }),
      expected: { actorType: "agent", reason: "The event's actor_type field says agent.", agentName: "nightly-bot", onBehalfOf: "bob" },
    },
    {
      name: "session tag actor_type=agent (namespaced, any case)",
      event: input({ tags: { "leash:Actor-Type": "Agent" } }),
      expected: { actorType: "agent", reason: "The session tag leash:Actor-Type=Agent says agent." },
    },
    {
      name: "principal tag agent=true",
      event: input({ tags: { agent: "true" }, session: { kind: "sso" } }),
      expected: { actorType: "agent", reason: "The session tag agent=true says agent.", onBehalfOf: "alice@example.com" },
    },
    {
      name: "agent tag with a name",
      event: input({ tags: { agent: "release-bot" } }),
      expected: { actorType: "agent", reason: "The session tag agent=release-bot says agent.", agentName: "release-bot" },
    },
    {
      name: "agent=false is not evidence of anything",
      event: input({ tags: { agent: "false" } }),
      expected: { actorType: "unknown", reason: expect.stringContaining("stays unknown") as unknown as string },
    },
    {
      name: "agent principal credential",
      event: input(withKey),
      ctx: principal("agent"),
      expected: { actorType: "agent", reason: "The credential belongs to an agent principal." },
    },
    {
      name: "agent runtime in the user agent beats a human principal (an agent on a human's token)",
      event: input({ ...withKey, origin: { userAgent: "claude-cli/1.0.98 (external, cli)" } }),
      ctx: principal("human"),
      expected: {
        actorType: "agent",
        reason: 'The user agent "claude-cli/1.0.98 (external, cli)" matches the agent runtime Claude Code.',
        agentName: "Claude Code",
        onBehalfOf: "alice@example.com",
      },
    },
    {
      name: "agent runtime in the application name beats a service principal",
      event: input({ ...withKey, actor: "railway-token", origin: { application: "Cursor Agent" } }),
      ctx: principal("service"),
      expected: { actorType: "agent", reason: 'The application "Cursor Agent" matches the agent runtime Cursor.', agentName: "Cursor" },
    },
    {
      name: "agent service principal as invoking service",
      event: input({ session: { kind: "service", invokedBy: "bedrock.amazonaws.com" } }),
      expected: { actorType: "agent", reason: 'The invoking service "bedrock.amazonaws.com" matches the agent runtime Amazon Bedrock Agents.', agentName: "Amazon Bedrock Agents" },
    },
    {
      name: "a stated agent_name means an agent acted (Replit-style emitter with no actor_type)",
      event: input({ explicit: { agentName: "Replit Agent", onBehalfOf: "jason@example.com" } }),
      expected: {
        actorType: "agent",
        reason: "The event's agent_name field names the agent Replit Agent.",
        agentName: "Replit Agent",
        onBehalfOf: "jason@example.com",
      },
    },
    {
      name: "an agent_name tag means an agent acted",
      event: input({ tags: { "leash:agent-name": "nightly-migrator" } }),
      expected: { actorType: "agent", reason: "The event's agent_name tag names the agent nightly-migrator.", agentName: "nightly-migrator" },
    },
    {
      name: "actor_type=human still wins over a stated agent name",
      event: input({ explicit: { actorType: "human", agentName: "Claude Code" } }),
      expected: { actorType: "human", reason: "The event's actor_type field says human." },
    },
    {
      name: "a GitHub App bot account of a coding agent",
      event: input({ actor: "copilot-swe-agent[bot]", origin: { userAgent: "GitHub-Hookshot/4f9c1d2" } }),
      expected: {
        actorType: "agent",
        reason: 'The bot account "copilot-swe-agent[bot]" matches the agent runtime GitHub Copilot coding agent.',
        agentName: "GitHub Copilot coding agent",
      },
    },
    {
      name: "a person's name is not a bot account: Devin stays unknown",
      event: input({ actor: "devin.smith@example.com" }),
      expected: { actorType: "unknown", reason: expect.stringContaining("stays unknown") as unknown as string },
    },
    {
      name: "tokens match whole: cursorline is not Cursor",
      event: input({ origin: { userAgent: "cursorline/2.0" } }),
      expected: { actorType: "unknown", reason: expect.stringContaining("stays unknown") as unknown as string },
    },
    {
      name: "service principal without agent evidence",
      event: input({ ...withKey, origin: { userAgent: "curl/8.0" } }),
      ctx: principal("service"),
      expected: { actorType: "service", reason: "The credential belongs to a service principal and no agent runtime was seen." },
    },
    {
      name: "human principal without agent evidence",
      event: input(withKey),
      ctx: principal("human"),
      expected: { actorType: "human", reason: "The credential belongs to a human principal and no agent runtime was seen." },
    },
    {
      name: "SSO session → human, naming the role",
      event: input({ session: { kind: "sso", issuer: "AWSReservedSSO_Admin_abc" }, origin: { userAgent: "aws-cli/2.15.0" } }),
      expected: { actorType: "human", reason: "The actor used an interactive SSO session (role AWSReservedSSO_Admin_abc) and no agent runtime was seen." },
    },
    {
      name: "console sign-in → human",
      event: input({ session: { kind: "console" } }),
      expected: { actorType: "human", reason: "The actor used a console sign-in and no agent runtime was seen." },
    },
    {
      name: "AWS service session → service",
      event: input({ actor: "cloudformation.amazonaws.com", session: { kind: "service" } }),
      expected: { actorType: "service", reason: "The call was made by the cloud service cloudformation.amazonaws.com." },
    },
    {
      name: "workload session (service-linked role, workload identity, function runtime) → service",
      event: input({ actor: "arn:aws:sts::111122223333:assumed-role/github-deploy/GitHubActions", session: { kind: "service", issuer: "github-deploy" } }),
      expected: {
        actorType: "service",
        reason:
          "The session (role github-deploy) belongs to a workload, not a person (service-linked role, workload identity or function runtime), and no agent runtime was seen.",
      },
    },
    {
      name: "unknown credential and no evidence stays unknown, never human",
      event: input({ ...withKey, session: { kind: "assumed_role" }, origin: { userAgent: "aws-cli/2.15.0" } }),
      ctx: { principalTypeOf: () => undefined },
      expected: {
        actorType: "unknown",
        reason:
          "No actor_type field or agent tags, the event uses a credential Leash does not know (yet), no known agent runtime was seen and the session is not interactive SSO, so the actor type stays unknown.",
      },
    },
    {
      name: "a known credential that states no principal type says so, not that it is unknown",
      event: input({ ...withKey, session: { kind: "assumed_role" }, origin: { userAgent: "aws-cli/2.15.0" } }),
      ctx: { principalTypeOf: () => null },
      expected: {
        actorType: "unknown",
        reason:
          "No actor_type field or agent tags, the event uses a credential whose principal type is not stated, no known agent runtime was seen and the session is not interactive SSO, so the actor type stays unknown.",
      },
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(attribute(c.event, c.ctx)).toEqual(c.expected));
  }

  // User agents and application names as the tools write them.
  const runtimes: [string, { userAgent?: string; application?: string }, string][] = [
    ["Amazon Q Developer CLI (AWS SDK app id)", { userAgent: "aws-sdk-rust/1.3.9 ua/2.1 api/ssooidc/1.88.0 os/macos lang/rust/1.87.0 m/E app/AmazonQ-For-CLI" }, "Amazon Q Developer"],
    ["Amazon Q Developer for VS Code", { userAgent: "AmazonQ-For-VSCode/1.80.0" }, "Amazon Q Developer"],
    ["Gemini CLI", { userAgent: "GeminiCLI/0.9.0 (darwin; arm64)" }, "Gemini CLI"],
    ["Copilot Chat agent mode", { userAgent: "GitHubCopilotChat/0.31.2" }, "GitHub Copilot"],
    ["AWS API MCP server (boto3 extra)", { userAgent: "Boto3/1.34.144 md/Botocore#1.34.144 ua/2.0 Botocore/1.34.144 awslabs/mcp/AWS-API-MCP-server/0.2.5" }, "MCP server"],
    ["Railway MCP server", { userAgent: "railway-mcp-server/0.1.8 node/22.11.0" }, "MCP server"],
    ["Neon MCP server", { userAgent: "mcp-server-neon/0.6.4" }, "MCP server"],
    ["Supabase MCP server", { userAgent: "supabase-mcp/0.5.5 (claude-ai/0.1.0)" }, "MCP server"],
    ["reference Postgres MCP server as application", { application: "@modelcontextprotocol/server-postgres" }, "MCP server"],
    ["MCP server as PostgreSQL application_name", { application: "mcp-server-postgres" }, "MCP server"],
  ];
  for (const [name, origin, agentName] of runtimes) {
    it(`recognises ${name}`, () => expect(attribute(input({ origin }))).toMatchObject({ actorType: "agent", agentName }));
  }

  it("uses a configured runtime list instead of the default", () => {
    const ctx = { agentRuntimes: [{ token: "acme-bot", name: "Acme Bot", kind: "automation" as const }] };
    expect(attribute(input({ origin: { userAgent: "claude-cli/1.0" } }), ctx).actorType).toBe("unknown");
    expect(attribute(input({ origin: { userAgent: "ACME-BOT/3" } }), ctx)).toMatchObject({ actorType: "agent", agentName: "Acme Bot" });
  });
});
