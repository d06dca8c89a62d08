import type { EnvironmentRule } from "@/lib/ingest/events/environment";

export const MATCH_LABELS: Record<EnvironmentRule["match"], string> = {
  aws_account: "AWS account",
  host: "Host",
  database: "Database",
  project: "Project",
  resource: "Resource",
};
