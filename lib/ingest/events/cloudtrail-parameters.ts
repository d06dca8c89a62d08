import { classifyApiOperation } from "./api-verbs";
import type { Classification } from "./destructive";

type Json = Record<string, unknown>;

/**
 * Classifies a CloudTrail API call from its name and, for the few calls whose name sounds harmless but whose
 * request parameters lose data or remove the guard against losing it, from those parameters: a lifecycle rule that
 * expires the whole bucket, a DNS change batch that deletes records, deletion protection switched off, automated
 * backups turned off. Every other call is classified by its name alone.
 */
export function classifyCloudTrailCall(eventName: string, record: unknown): Classification {
  const check = PARAMETER_CHECKS.get(eventName);
  const params = check && isObject(record) && isObject(record.requestParameters) ? record.requestParameters : undefined;
  return (params && check?.(params)) || classifyApiOperation(eventName);
}

type Check = (params: Json) => Classification | null;

const guardOff = (what: string): Classification => ({
  operation: "admin",
  destructive: true,
  reason: `${what} is switched off, so the resource can now be deleted`,
});

/** Deletion protection switched off (`false`, or `{ value: false }` as EC2 writes attribute values). */
function protectionOff(key: string, what: string): Check {
  return (params) => {
    const value = params[key];
    return value === false || (isObject(value) && value.value === false) ? guardOff(what) : null;
  };
}

/** RDS, Aurora, DocumentDB and Neptune share these calls (eventSource rds.amazonaws.com). */
const modifyDatabase: Check = (params) => {
  if (params.backupRetentionPeriod === 0) {
    return { operation: "delete", destructive: true, reason: "a backup retention period of 0 deletes the automated backups" };
  }
  return protectionOff("deletionProtection", "Deletion protection")(params);
};

/** A Map, not an object literal: an event named `constructor` must not find Object.prototype's. */
const PARAMETER_CHECKS: ReadonlyMap<string, Check> = new Map([
  // CloudTrail logs PutBucketLifecycleConfiguration as PutBucketLifecycle.
  ["PutBucketLifecycle", lifecycleExpiresBucket],
  ["PutBucketLifecycleConfiguration", lifecycleExpiresBucket],
  ["ChangeResourceRecordSets", recordSetDeletes],
  ["ModifyDBInstance", modifyDatabase],
  ["ModifyDBCluster", modifyDatabase],
  ["UpdateTable", protectionOff("deletionProtectionEnabled", "DynamoDB deletion protection")],
  ["ModifyInstanceAttribute", protectionOff("disableApiTermination", "EC2 termination protection")],
  ["UpdateTerminationProtection", protectionOff("enableTerminationProtection", "CloudFormation termination protection")],
]);

/** An enabled rule with an Expiration (after days or from a date) whose filter selects every object. */
function lifecycleExpiresBucket(params: Json): Classification | null {
  const config = params.LifecycleConfiguration ?? params.lifecycleConfiguration;
  if (!isObject(config)) return null;
  const rules = asList(config.Rule ?? config.Rules);
  const rule = rules.find((r) => isObject(r) && r.Status === "Enabled" && expiresCurrentObjects(r.Expiration) && coversWholeBucket(r));
  if (!isObject(rule)) return null;
  const expiration = rule.Expiration as Json;
  const when = expiration.Days !== undefined ? `after ${String(expiration.Days)} day(s)` : `from ${String(expiration.Date)}`;
  const id = typeof rule.ID === "string" ? ` "${rule.ID}"` : "";
  return { operation: "delete", destructive: true, reason: `lifecycle rule${id} expires every object in the bucket ${when}` };
}

/** `ExpiredObjectDeleteMarker` alone only tidies delete markers; Days or Date delete current objects. */
function expiresCurrentObjects(expiration: unknown): boolean {
  return isObject(expiration) && (expiration.Days !== undefined || expiration.Date !== undefined);
}

/** No filter, an empty one, or an empty prefix (in the filter or, in the older form, on the rule) selects everything. */
function coversWholeBucket(rule: Json): boolean {
  if (!("Filter" in rule)) return rule.Prefix === undefined || rule.Prefix === "";
  const filter = rule.Filter;
  if (filter === "" || filter === null) return true;
  if (!isObject(filter)) return false;
  return Object.entries(filter).every(([key, value]) => key === "Prefix" && value === "");
}

function recordSetDeletes(params: Json): Classification | null {
  const batch = params.changeBatch ?? params.ChangeBatch;
  if (!isObject(batch)) return null;
  const changes = asList(batch.changes ?? batch.Changes);
  const deleted = changes.filter((c) => isObject(c) && (c.action ?? c.Action) === "DELETE").length;
  if (deleted === 0) return null;
  return { operation: "delete", destructive: true, reason: `the change batch deletes ${deleted} DNS record set(s)` };
}

/** CloudTrail renders a one-element XML list as an object and a longer one as an array. */
function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
