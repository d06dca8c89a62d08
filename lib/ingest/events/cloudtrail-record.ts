import type { EventSession, ObservedEvent, Outcome } from "../../domain/activity-event";
import type { RowError } from "../row-error";
import { defined } from "./leash-input";
import { checkedTimestamp } from "./row-checks";
import type { ResolvedOptions } from "./types";

type Json = Record<string, unknown>;
type Field = { value: string | undefined } | { error: string };

/**
 * Maps one CloudTrail record (fields as documented in the CloudTrail record contents reference) to an
 * observed event. `field` prefixes name the record inside a file, e.g. `Records[3].eventTime`.
 */
export function observeCloudTrailRecord(
  line: number,
  record: unknown,
  options: ResolvedOptions,
  prefix = "",
): { observed: ObservedEvent } | { error: RowError } {
  const fail = (field: string, reason: string) => ({ error: { line, field: `${prefix}${field}`, reason } });
  if (!isObject(record)) return { error: { line, ...(prefix ? { field: prefix.replace(/\.$/, "") } : {}), reason: "record is not a JSON object" } };
  const identity = record.userIdentity ?? {};
  if (!isObject(identity)) return fail("userIdentity", "must be an object");
  const fields: Record<string, Field> = {
    eventID: optionalString(record, "eventID"),
    eventName: optionalString(record, "eventName"),
    eventSource: optionalString(record, "eventSource"),
    sourceIPAddress: optionalString(record, "sourceIPAddress"),
    userAgent: optionalString(record, "userAgent"),
    errorCode: optionalString(record, "errorCode"),
    recipientAccountId: optionalString(record, "recipientAccountId"),
    "userIdentity.type": optionalString(identity, "type"),
    "userIdentity.arn": optionalString(identity, "arn"),
    "userIdentity.accessKeyId": optionalString(identity, "accessKeyId"),
  };
  const values: Record<string, string | undefined> = {};
  for (const [name, f] of Object.entries(fields)) {
    if ("error" in f) return fail(name, f.error);
    values[name] = f.value;
  }
  if (!values.eventName) return fail("eventName", "required field is missing");
  const time = checkedTimestamp(line, `${prefix}eventTime`, record.eventTime, options.now, options.maxFutureSkewMs);
  if ("error" in time) return time;
  return { observed: buildObserved(record, identity, values, time.iso, values.eventName) };
}

function buildObserved(record: Json, identity: Json, v: Record<string, string | undefined>, occurredAt: string, eventName: string): ObservedEvent {
  const sql = sqlOf(record, eventName);
  const keyId = v["userIdentity.accessKeyId"];
  return {
    format: "cloudtrail",
    ...defined({ sourceEventId: v.eventID, statement: sql, errorCode: v.errorCode }),
    occurredAt,
    credential: keyId ? { keyId } : null,
    actor: v["userIdentity.arn"] ?? stringAt(identity, "userName") ?? stringAt(identity, "principalId") ?? stringAt(identity, "invokedBy") ?? null,
    rawOperation: eventName,
    operationKind: sql !== undefined ? "sql" : "api",
    resource: resourceOf(record) ?? v.eventSource ?? null,
    scope: defined({ awsAccountId: v.recipientAccountId ?? stringAt(identity, "accountId") }),
    outcome: outcomeOf(v.errorCode, record),
    origin: defined({ ip: v.sourceIPAddress, userAgent: v.userAgent }),
    tags: tagsOf(identity),
    session: sessionOf(record, identity, v["userIdentity.type"], eventName),
    explicit: {},
    approvalRef: null,
    raw: record,
  };
}

const DENIED = /accessdenied|unauthorized|forbidden|notauthorized|authfailure|permissiondenied|invalidclienttokenid|signaturedoesnotmatch/i;

function outcomeOf(errorCode: string | undefined, record: Json): Outcome {
  if (errorCode !== undefined) return DENIED.test(errorCode) ? "denied" : "failure";
  // Console sign-ins report failure in responseElements, not errorCode.
  const response = record.responseElements;
  if (isObject(response) && response.ConsoleLogin === "Failure") return "failure";
  return "success";
}

function sessionOf(record: Json, identity: Json, type: string | undefined, eventName: string): EventSession {
  const context = isObject(identity.sessionContext) ? identity.sessionContext : {};
  const issuer = isObject(context.sessionIssuer) ? context.sessionIssuer : {};
  const issuerName = stringAt(issuer, "userName") ?? stringAt(issuer, "arn");
  const invokedBy = stringAt(identity, "invokedBy");
  const base = defined({ issuer: issuerName, invokedBy });
  // AWS IAM Identity Center provisions roles named AWSReservedSSO_<permission set>_<id> for SSO sign-ins.
  if (issuerName?.startsWith("AWSReservedSSO_") || type === "IdentityCenterUser") return { ...base, kind: "sso" };
  if (eventName === "ConsoleLogin" || record.sessionCredentialFromConsole === "true") return { ...base, kind: "console" };
  const kinds: Record<string, EventSession["kind"]> = {
    AssumedRole: "assumed_role",
    IAMUser: "iam_user",
    Root: "root",
    AWSService: "service",
    FederatedUser: "federated",
    SAMLUser: "federated",
    WebIdentityUser: "federated",
  };
  const kind = type !== undefined ? kinds[type] : undefined;
  return kind ? { ...base, kind } : base;
}

/**
 * Principal/session tags, when the trail (or an enrichment step) records them under
 * `sessionContext.principalTags` or `sessionContext.sessionTags`, as a map or a `[{key, value}]` list.
 */
function tagsOf(identity: Json): Record<string, string> {
  const context = isObject(identity.sessionContext) ? identity.sessionContext : {};
  const tags: Record<string, string> = {};
  for (const source of [context.principalTags, context.sessionTags]) {
    if (Array.isArray(source)) {
      for (const t of source) {
        if (!isObject(t)) continue;
        const key = t.key ?? t.Key;
        const value = t.value ?? t.Value;
        if (typeof key === "string" && typeof value === "string") tags[key] = value;
      }
    } else if (isObject(source)) {
      for (const [key, value] of Object.entries(source)) if (typeof value === "string") tags[key] = value;
    }
  }
  return tags;
}

/** Request parameters that name the resource when a record has no `resources` list. */
const RESOURCE_PARAMETERS = [
  "dBInstanceIdentifier", "dBClusterIdentifier", "bucketName", "tableName", "functionName", "volumeId",
  "instanceId", "roleName", "userName", "name", "resourceArn",
];

function resourceOf(record: Json): string | undefined {
  if (Array.isArray(record.resources)) {
    for (const r of record.resources) {
      const arn = isObject(r) ? (stringAt(r, "ARN") ?? stringAt(r, "arn")) : undefined;
      if (arn) return arn;
    }
  }
  const params = record.requestParameters;
  if (!isObject(params)) return undefined;
  for (const key of RESOURCE_PARAMETERS) {
    const value = stringAt(params, key);
    if (value) return value;
  }
  const items = isObject(params.instancesSet) && Array.isArray(params.instancesSet.items) ? params.instancesSet.items : [];
  const ids = items.map((i) => (isObject(i) ? stringAt(i, "instanceId") : undefined)).filter((i): i is string => !!i);
  return ids.length > 0 ? ids.join(",") : undefined;
}

/** RDS / Redshift Data API calls carry the SQL they ran; classify that rather than "ExecuteStatement". */
function sqlOf(record: Json, eventName: string): string | undefined {
  if (!/ExecuteStatement$|ExecuteSql$/.test(eventName) || !isObject(record.requestParameters)) return undefined;
  return stringAt(record.requestParameters, "sql");
}

function optionalString(obj: Json, key: string): Field {
  const value = obj[key];
  if (value === undefined || value === null || value === "") return { value: undefined };
  return typeof value === "string" ? { value } : { error: "must be a string" };
}

function stringAt(obj: Json, key: string): string | undefined {
  const value = obj[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
