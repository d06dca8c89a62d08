import { z } from "zod";

/**
 * Agent runtimes recognised in user agents and application names. `token` matches case-insensitively as a
 * whole token (bounded by start, end or a character other than a letter or digit), so `cursor` matches
 * `Cursor/0.42` but not `cursorline`. Admins may replace the list; these are the defaults.
 */
export const agentRuntimeSchema = z.object({
  token: z.string().min(2).max(100),
  name: z.string().min(1).max(100),
  kind: z.enum(["coding-agent", "agent-sdk", "automation", "agent-service"]),
});
export type AgentRuntime = z.infer<typeof agentRuntimeSchema>;

const coding = (token: string, name: string): AgentRuntime => ({ token, name, kind: "coding-agent" });
const sdk = (token: string, name: string): AgentRuntime => ({ token, name, kind: "agent-sdk" });
const automation = (token: string, name: string): AgentRuntime => ({ token, name, kind: "automation" });
const service = (token: string, name: string): AgentRuntime => ({ token, name, kind: "agent-service" });

export const defaultAgentRuntimes: readonly AgentRuntime[] = [
  coding("claude-code", "Claude Code"),
  coding("claude-cli", "Claude Code"),
  coding("cursor-agent", "Cursor"),
  coding("cursor", "Cursor"),
  coding("codex_cli_rs", "OpenAI Codex CLI"),
  coding("codex-cli", "OpenAI Codex CLI"),
  coding("codex", "OpenAI Codex"),
  coding("copilot-swe-agent", "GitHub Copilot coding agent"),
  coding("github-copilot", "GitHub Copilot"),
  // VS Code's Copilot Chat (agent mode) writes its name as one word: `GitHubCopilotChat/0.31.2`.
  coding("githubcopilotchat", "GitHub Copilot"),
  coding("githubcopilot", "GitHub Copilot"),
  coding("copilot", "GitHub Copilot"),
  coding("aider", "Aider"),
  coding("devin", "Devin"),
  coding("cline", "Cline"),
  coding("roo-code", "Roo Code"),
  coding("windsurf", "Windsurf"),
  coding("gemini-cli", "Gemini CLI"),
  coding("geminicli", "Gemini CLI"), // `GeminiCLI/0.9.0 (darwin; arm64)`
  coding("amazon-q", "Amazon Q Developer"),
  // The AWS SDK app id of the Q Developer CLI and IDE plugins: `… app/AmazonQ-For-CLI`, `AmazonQ-For-VSCode/1.80.0`.
  coding("amazonq", "Amazon Q Developer"),
  coding("kiro", "Kiro"),
  coding("openhands", "OpenHands"),
  coding("swe-agent", "SWE-agent"),
  coding("goose", "Goose"),
  coding("opencode", "opencode"),
  sdk("claude-agent-sdk", "Claude Agent SDK"),
  sdk("openai-agents", "OpenAI Agents SDK"),
  sdk("langchain", "LangChain"),
  sdk("langgraph", "LangGraph"),
  sdk("llamaindex", "LlamaIndex"),
  sdk("llama-index", "LlamaIndex"),
  sdk("crewai", "CrewAI"),
  sdk("autogen", "AutoGen"),
  sdk("pydantic-ai", "Pydantic AI"),
  sdk("semantic-kernel", "Semantic Kernel"),
  sdk("strands-agents", "Strands Agents"),
  sdk("smolagents", "smolagents"),
  sdk("browser-use", "Browser Use"),
  sdk("mcp-client", "MCP client"),
  // MCP servers are tools an agent calls: `mcp-server-neon`, `railway-mcp-server`, `supabase-mcp`,
  // `awslabs/mcp/AWS-API-MCP-server`, `@modelcontextprotocol/server-postgres`.
  sdk("mcp-server", "MCP server"),
  sdk("mcp", "MCP server"),
  sdk("modelcontextprotocol", "MCP server"),
  automation("n8n", "n8n"),
  automation("zapier", "Zapier"),
  automation("make.com", "Make"),
  service("bedrock-agentcore.amazonaws.com", "Amazon Bedrock AgentCore"),
  service("bedrock.amazonaws.com", "Amazon Bedrock Agents"),
];

export type RuntimeMatch = { runtime: AgentRuntime; field: "user agent" | "application" | "invoking service" | "bot account" };

type Matcher = { re: RegExp; byToken: Map<string, AgentRuntime> };
const matcherCache = new WeakMap<readonly AgentRuntime[], Matcher>();

/**
 * One alternation for the whole list: three regex runs per event instead of one per runtime and field.
 * At a given position alternatives are tried in list order, so specific tokens listed first still win.
 */
function matcher(runtimes: readonly AgentRuntime[]): Matcher {
  let compiled = matcherCache.get(runtimes);
  if (!compiled) {
    const byToken = new Map<string, AgentRuntime>();
    for (const r of runtimes) if (!byToken.has(r.token.toLowerCase())) byToken.set(r.token.toLowerCase(), r);
    const alternatives = [...byToken.keys()].map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    const re = new RegExp(`(?:^|[^a-z0-9])(${alternatives.join("|") || "(?!)"})(?=$|[^a-z0-9])`, "i");
    compiled = { re, byToken };
    matcherCache.set(runtimes, compiled);
  }
  return compiled;
}

/**
 * The runtime found first, looking at the user agent, then the application name, then the invoking service, then
 * the actor when it is a GitHub App's bot account (`copilot-swe-agent[bot]`, `devin-ai-integration[bot]`). Other
 * actor names are never matched: a person may be called Devin or Goose.
 */
export function findAgentRuntime(
  fields: { userAgent?: string; application?: string; invokedBy?: string; actor?: string | null },
  runtimes: readonly AgentRuntime[],
): RuntimeMatch | null {
  const { re, byToken } = matcher(runtimes);
  const sources: [RuntimeMatch["field"], string | undefined][] = [
    ["user agent", fields.userAgent],
    ["application", fields.application],
    ["invoking service", fields.invokedBy],
    ["bot account", fields.actor?.endsWith("[bot]") ? fields.actor : undefined],
  ];
  for (const [field, value] of sources) {
    const token = value === undefined ? undefined : re.exec(value)?.[1]?.toLowerCase();
    const runtime = token === undefined ? undefined : byToken.get(token);
    if (runtime) return { runtime, field };
  }
  return null;
}
