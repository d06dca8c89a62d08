import type { Operation } from "../../domain/activity-event";
import type { Classification } from "./destructive";

/**
 * Classifies an API operation name from its words: `DeleteDBInstance` → delete, db, instance;
 * Railway-style `volumeDelete` → volume, delete; `delete_bucket`, `projects.delete` work too.
 */
export function classifyApiOperation(name: string): Classification {
  let known = classified.get(name);
  if (!known) {
    known = Object.freeze(classifyWords(name));
    if (classified.size >= CLASSIFIED_LIMIT) classified.clear();
    classified.set(name, known);
  }
  return known;
}

/** A log repeats a few dozen operation names a million times: each is classified once. */
const classified = new Map<string, Classification>();
const CLASSIFIED_LIMIT = 10_000;

function classifyWords(name: string): Classification {
  // `ScheduleKeyDeletion`: the destruction is named by a noun after a verb Leash does not know.
  const split = splitWords(name);
  const words = split.map((w) => NOUN_VERBS[w] ?? w);
  const verb = pickVerb(words);
  if (verb === undefined) return { operation: "other", destructive: false, reason: `"${name}" names no known verb` };
  // For a noun-named destruction the leading word is the unknown verb (`schedule`), not an object.
  const fromNoun = words.some((w, i) => w === verb && split[i] !== w);
  const objects = words.filter((w) => w !== verb).slice(fromNoun ? 1 : 0);
  const destructive = destructiveVerb(verb, objects);
  if (destructive) return destructive;
  if (verb === "remove" || DESTROY.has(verb)) {
    return { operation: "write", destructive: false, reason: `"${name}" removes metadata, not data` };
  }
  if (SIGN_IN.has(verb)) return { operation: "other", destructive: false, reason: `"${name}" is a sign-in` };
  if (DEPLOY.has(verb) || (DEPLOY_STARTERS.has(verb) && objects.includes("deployment"))) {
    return { operation: "deploy", destructive: false, reason: `"${name}" is a deployment` };
  }
  if (READ.has(verb)) return { operation: "read", destructive: false, reason: `"${name}" only reads` };
  if (objects.some((o) => ADMIN_OBJECTS.has(o))) {
    return { operation: "admin", destructive: false, reason: `"${name}" changes access control` };
  }
  if (WRITE.has(verb)) return { operation: "write", destructive: false, reason: `"${name}" changes state` };
  return { operation: "other", destructive: false, reason: `"${name}" has no known category` };
}

/** Nouns that name a destruction, read as their verb. A known leading verb still wins (`CancelKeyDeletion` is a write). */
const NOUN_VERBS: Readonly<Record<string, string>> = { deletion: "delete", termination: "terminate", destruction: "destroy" };
const DESTROY = new Set(["delete", "destroy", "terminate", "purge", "wipe", "erase", "drop", "truncate"]);
/** Removing these loses data; removing a tag or a permission does not. */
const DATA_OBJECTS = new Set([
  "volume", "volumes", "database", "databases", "db", "bucket", "table", "cluster", "instance", "instances",
  "snapshot", "backup", "data", "project", "environment", "service", "disk",
]);
/** Deleting only these is housekeeping, not data loss. */
const HARMLESS = new Set(["tag", "tags", "label", "labels"]);
const DEPLOY = new Set(["deploy", "redeploy", "rollout", "release", "rollback", "promote"]);
const DEPLOY_STARTERS = new Set(["create", "trigger", "start", "run"]);
const SIGN_IN = new Set(["assume", "login", "logon", "signin", "authenticate", "connect"]);
const READ = new Set([
  "get", "list", "describe", "head", "read", "select", "show", "query", "scan", "search", "lookup", "fetch",
  "download", "view", "batchget", "filter", "check", "estimate", "preview",
]);
const WRITE = new Set([
  "create", "put", "update", "modify", "set", "insert", "upload", "write", "add", "start", "stop", "reboot",
  "restart", "enable", "disable", "tag", "untag", "copy", "restore", "run", "invoke", "send", "publish",
  "change", "associate", "disassociate", "register", "deregister", "attach", "detach", "grant", "revoke",
  "upsert", "patch", "post", "import", "export", "rotate", "reset", "execute", "exec", "apply", "scale",
  "resize", "rename", "move", "cancel", "trigger",
]);
const ADMIN_OBJECTS = new Set([
  "policy", "policies", "role", "roles", "permission", "permissions", "acl", "user", "users", "group",
  "groups", "mfa", "password", "accesskey", "access", "key", "keys", "member", "members", "token", "tokens",
  "grant", "login", "sso", "saml", "oidc",
]);
const KNOWN = new Set([...DESTROY, "remove", ...DEPLOY, ...READ, ...WRITE, ...SIGN_IN]);

function destructiveVerb(verb: string, objects: string[]): Classification | null {
  if (DESTROY.has(verb)) {
    if (objects.length > 0 && objects.every((o) => HARMLESS.has(o))) return null;
    const operation: Operation = verb === "drop" ? "drop" : verb === "truncate" ? "truncate" : "delete";
    return { operation, destructive: true, reason: `API verb "${verb}" destroys ${objects.join(" ") || "a resource"}` };
  }
  if (verb === "remove" && objects.some((o) => DATA_OBJECTS.has(o))) {
    return { operation: "delete", destructive: true, reason: `API verb "remove" on ${objects.join(" ")} destroys data` };
  }
  return null;
}

export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

/** AWS puts the verb first (`DeleteBucket`), GraphQL mutations often last (`volumeDelete`). */
function pickVerb(words: string[]): string | undefined {
  const first = words[0];
  if (first !== undefined && KNOWN.has(first)) return first;
  const last = words[words.length - 1];
  if (last !== undefined && KNOWN.has(last)) return last;
  return words.find((w) => KNOWN.has(w));
}
