import type { CredentialEdit } from "@/lib/domain/credential-query";

/** The dialog's own state shape: closer to the inputs than the API body, so "untouched" is easy to detect. */
export type EditForm = {
  everywhere: boolean;
  envs: string[];
  /** "" = not stated; once stated it can be changed but not un-stated (the API has no such edit). */
  agent: "" | "true" | "false";
  unrestricted: boolean;
  ops: string[];
  otherOps: string;
  team: string;
  owner: string;
  never: boolean;
  /** datetime-local value, read as UTC. */
  expires: string;
  storage: string;
  principalType: string;
};

const ENV_ORDER = ["production", "staging", "development"];

export function formFromFields(fields: Record<string, unknown>, knownOps: readonly string[]): EditForm {
  const envs = (fields.environments as string[] | undefined) ?? [];
  const ops = fields.allowed_operations as string[] | null | undefined;
  const expires = fields.expires_at as string | null | undefined;
  return {
    everywhere: envs.includes("*"),
    envs: envs.filter((e) => e !== "*"),
    agent: fields.agent_accessible === undefined ? "" : fields.agent_accessible ? "true" : "false",
    unrestricted: ops === null,
    ops: (ops ?? []).filter((o) => knownOps.includes(o)),
    otherOps: (ops ?? []).filter((o) => !knownOps.includes(o)).join(", "),
    team: (fields.team as string | undefined) ?? "",
    owner: (fields.owner_email as string | undefined) ?? "",
    never: expires === null,
    expires: expires ? expires.slice(0, 16) : "",
    storage: (fields.storage as string | undefined) ?? "",
    principalType: (fields.principal_type as string | undefined) ?? "",
  };
}

function toInstant(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(`${local}:00.000Z`);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

function toEdit(form: EditForm): Record<string, unknown> {
  const other = form.otherOps.split(/[,;\s]+/).map((o) => o.trim().toLowerCase()).filter(Boolean);
  return {
    environments: form.everywhere ? ["*"] : ENV_ORDER.filter((e) => form.envs.includes(e)),
    agent_accessible: form.agent === "" ? undefined : form.agent === "true",
    allowed_operations: form.unrestricted ? null : [...new Set([...form.ops, ...other])],
    team: form.team || undefined,
    owner_email: form.owner.trim() || undefined,
    expires_at: form.never ? null : toInstant(form.expires),
    storage: form.storage || undefined,
    principal_type: form.principalType || undefined,
  };
}

/** Only what the person changed: each edit becomes a version, and its audit entry should name exactly that. */
export function changesBetween(initial: EditForm, current: EditForm): CredentialEdit {
  const before = toEdit(initial);
  const after = toEdit(current);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(before[key])) out[key] = value;
  }
  return out as CredentialEdit;
}

/** Server field errors may name a nested path (`environments.0`); show them on the field they belong to. */
export function topLevelErrors(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) out[path.split(".")[0]!] ??= message;
  return out;
}
