/**
 * Activity-log ingest: bytes in (plain or gzip), normalized activity events and row errors out.
 * Pure library code: no database, no Next.js. The lead's API routes, jobs and CLI call `parseEvents`.
 */
export { parseEvents, eventParsers, resolveOptions, DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_DECOMPRESSED_BYTES, DEFAULT_MAX_FUTURE_SKEW_MS } from "./parse-events";
export type { EventParser, ParseOptions, ParseResult } from "./types";
export { normalizeEvent, classify, ingestKeyOf, type NormalizeContext } from "./normalize";
export { attribute, type Attribution, type AttributionContext, type AttributionInput } from "./attribution";
export { agentRuntimeSchema, defaultAgentRuntimes, findAgentRuntime, type AgentRuntime } from "./agent-runtimes";
export { classifySql, type Classification } from "./destructive";
export { classifyApiOperation } from "./api-verbs";
export { environmentRuleSchema, environmentRulesSchema, resolveEnvironment, type EnvironmentRule, type EnvironmentResolution } from "./environment";
export { csvColumns } from "./csv";
export { defaultTimeZoneAbbreviations } from "./pgaudit-message";
export { generateDemoActivity, demoEnvironmentRules, type DemoActivity, type DemoCredentialIds } from "./demo-activity";
