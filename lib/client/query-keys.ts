import type { AuditQuery, UserListQuery } from "@/lib/domain/identity";

/**
 * One key factory per resource. Server pages prefetch and client components read under the same keys,
 * and mutations invalidate by the `all` prefix. No I/O here, so both sides can import it.
 */
export const meKeys = {
  all: ["me"] as const,
  detail: () => [...meKeys.all, "detail"] as const,
};

export const userKeys = {
  all: ["users"] as const,
  list: (query: UserListQuery = {}) => [...userKeys.all, "list", query] as const,
};

export const teamKeys = {
  all: ["teams"] as const,
  list: () => [...teamKeys.all, "list"] as const,
};

export const tokenKeys = {
  all: ["tokens"] as const,
  list: () => [...tokenKeys.all, "list"] as const,
};

export const auditKeys = {
  all: ["audit"] as const,
  list: (query: AuditQuery) => [...auditKeys.all, "list", normalizeAuditQuery(query)] as const,
};

/** Drops empty filters so `{ action: "" }` and `{}` share a cache entry. */
export function normalizeAuditQuery(query: AuditQuery): AuditQuery {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") out[key] = value;
  }
  return out as AuditQuery;
}

export const AUDIT_PAGE_SIZE = 50;

/** Credential list keys carry the normalized query, so each filter/sort/cursor combination is its own page. */
export const credentialKeys = {
  all: ["credentials"] as const,
  list: (query: Record<string, string>) => [...credentialKeys.all, "list", query] as const,
  detail: (id: string) => [...credentialKeys.all, "detail", id] as const,
  history: (id: string) => [...credentialKeys.all, "history", id] as const,
};

export const importRunKeys = {
  all: ["import-runs"] as const,
  list: () => [...importRunKeys.all, "list"] as const,
  detail: (id: string) => [...importRunKeys.all, "detail", id] as const,
};

export const mappingRuleKeys = {
  all: ["mapping-rules"] as const,
  detail: () => [...mappingRuleKeys.all, "detail"] as const,
};

/** Activity events: list keys carry the normalized filters, so each filter combination is its own cache entry. */
export const eventKeys = {
  all: ["events"] as const,
  list: (query: Record<string, string>) => [...eventKeys.all, "list", query] as const,
  summary: (days: number) => [...eventKeys.all, "summary", days] as const,
  detail: (id: number) => [...eventKeys.all, "detail", id] as const,
  /** The recent events of one credential (its page's activity section). */
  byCredential: (credentialId: string) => [...eventKeys.all, "credential", credentialId] as const,
};

export const approvalKeys = {
  all: ["approvals"] as const,
  list: () => [...approvalKeys.all, "list"] as const,
};

export const environmentRuleKeys = {
  all: ["environment-rules"] as const,
  detail: () => [...environmentRuleKeys.all, "detail"] as const,
};

/** Secret scans: corpora, scan runs, and exposures (secret findings) whose list keys carry the normalized filters. */
export const corpusKeys = {
  all: ["corpora"] as const,
  list: () => [...corpusKeys.all, "list"] as const,
  detail: (id: string) => [...corpusKeys.all, "detail", id] as const,
};

export const scanRunKeys = {
  all: ["scan-runs"] as const,
  list: (corpusId?: string) => [...scanRunKeys.all, "list", corpusId ?? "all"] as const,
};

export const secretFindingKeys = {
  all: ["secret-findings"] as const,
  list: (query: Record<string, string>) => [...secretFindingKeys.all, "list", query] as const,
  detail: (id: string) => [...secretFindingKeys.all, "detail", id] as const,
};

/** Posture per framework (and as of an instant), control drill-downs, and trends. */
export const postureKeys = {
  all: ["posture"] as const,
  detail: (framework: string, asOf?: string) => [...postureKeys.all, "detail", framework, asOf ?? "now"] as const,
  control: (framework: string, control: string, query: Record<string, string>) => [...postureKeys.all, "control", framework, control, query] as const,
  trend: (framework: string, query: Record<string, string>) => [...postureKeys.all, "trend", framework, query] as const,
};

/** Findings: list keys carry the normalized filters; exceptions live under the same prefix so a decision refreshes both. */
export const findingKeys = {
  all: ["findings"] as const,
  list: (query: Record<string, string>) => [...findingKeys.all, "list", query] as const,
  summary: () => [...findingKeys.all, "summary"] as const,
  detail: (id: string) => [...findingKeys.all, "detail", id] as const,
  exceptions: (status: string) => [...findingKeys.all, "exceptions", status] as const,
};

export const evaluationKeys = {
  all: ["evaluations"] as const,
  list: () => [...evaluationKeys.all, "list"] as const,
};

export const ruleParameterKeys = {
  all: ["rule-parameters"] as const,
  detail: () => [...ruleParameterKeys.all, "detail"] as const,
  notifications: () => [...ruleParameterKeys.all, "notifications"] as const,
};

/** Evidence packages: one list, newest first; a build adds its package to it. */
export const evidenceKeys = {
  all: ["evidence"] as const,
  list: () => [...evidenceKeys.all, "list"] as const,
};

/** Background jobs: one list, refetched while any job is unfinished. */
export const jobKeys = {
  all: ["jobs"] as const,
  list: () => [...jobKeys.all, "list"] as const,
  detail: (id: string) => [...jobKeys.all, "detail", id] as const,
};
