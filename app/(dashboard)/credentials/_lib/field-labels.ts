import type { CredentialFieldName } from "@/lib/domain/credential";

/** Field names as people say them; the record keeps snake_case for the CSV and API. */
export const FIELD_LABELS: Record<CredentialFieldName, string> = {
  name: "Name",
  provider: "Provider",
  kind: "Kind",
  principal: "Principal",
  principal_type: "Principal type",
  team: "Team",
  owner_email: "Owner email",
  environments: "Environments",
  agent_accessible: "Agent-accessible",
  allowed_operations: "Allowed operations",
  scopes: "Scopes",
  created_at: "Created",
  expires_at: "Expires",
  last_rotated_at: "Last rotated",
  last_used_at: "Last used",
  revoked_at: "Revoked",
  status: "Status",
  storage: "Storage",
  approval_ref: "Approval reference",
  last_review_at: "Last review",
  reviewer: "Reviewer",
  tags: "Tags",
  fingerprint: "Fingerprint",
  public_id: "Public id",
  account: "Account",
};

export function fieldLabel(name: string): string {
  return (FIELD_LABELS as Record<string, string>)[name] ?? name;
}
