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
  if (!values.eventName) {
    const what = notAnApiCall(record);
    return what ? { error: { line, ...(prefix ? { field: prefix.replace(/\.$/, "") } : {}), reason: what } } : fail("eventName", "required field is missing");
  }
  const time = checkedTimestamp(line, `${prefix}eventTime`, record.eventTime, options.now, options.maxFutureSkewMs);
  if ("error" in time) return time;
  return { observed: buildObserved(record, identity, values, time.iso, values.eventName) };
}

/**
 * Who acted: the ARN when there is one; a principal of another account (`AWSAccount`) as `<account>:<principal id>`,
 * since its opaque id alone does not say whose it is; an IAM Identity Center user by their identity-store user id.
 */
function actorOf(identity: Json, type: string | undefined, arn: string | undefined): string | null {
  if (arn) return arn;
  const principalId = stringAt(identity, "principalId");
  const accountId = stringAt(identity, "accountId");
  if (type === "AWSAccount" && accountId && principalId && !principalId.startsWith(`${accountId}:`)) return `${accountId}:${principalId}`;
  const onBehalfOf = isObject(identity.onBehalfOf) ? stringAt(identity.onBehalfOf, "userId") : undefined;
  return stringAt(identity, "userName") ?? principalId ?? onBehalfOf ?? stringAt(identity, "invokedBy") ?? (type === "AWSAccount" ? accountId : undefined) ?? null;
}

/** Why a record without an eventName is not an API call at all, when it can be told; otherwise undefined. */
function notAnApiCall(record: Json): string | undefined {
  if (record.eventCategory === "Insight" || record.eventType === "AwsCloudTrailInsight" || "insightDetails" in record) {
    return "a CloudTrail Insights event (an unusual API call or error rate), not an API call; Insights events are not ingested";
  }
  if (!("eventTime" in record) && !("eventSource" in record) && !("userIdentity" in record)) {
    const keys = Object.keys(record).slice(0, 5).join(", ");
    return `not a CloudTrail record (no eventName, eventTime, eventSource or userIdentity${keys ? `; its keys: ${keys}` : ""})`;
  }
  return undefined;
}

function buildObserved(record: Json, identity: Json, v: Record<string, string | undefined>, occurredAt: string, eventName: string): ObservedEvent {
  const sql = sqlOf(record, eventName);
  const keyId = v["userIdentity.accessKeyId"];
  const context = isObject(identity.sessionContext) ? identity.sessionContext : undefined;
  // The person (or application) a role session was started for; it follows the session through role chaining.
  const sourceIdentity = context ? stringAt(context, "sourceIdentity") : undefined;
  return {
    format: "cloudtrail",
    ...defined({ sourceEventId: v.eventID, statement: sql, errorCode: v.errorCode }),
    occurredAt,
    credential: keyId ? { keyId } : null,
    actor: actorOf(identity, v["userIdentity.type"], v["userIdentity.arn"]),
    rawOperation: eventName,
    operationKind: sql !== undefined ? "sql" : "api",
    resource: resourceOf(record) ?? v.eventSource ?? null,
    scope: defined({ awsAccountId: v.recipientAccountId ?? stringAt(identity, "accountId") }),
    outcome: outcomeOf(v.errorCode, record),
    origin: defined({ ip: v.sourceIPAddress, userAgent: v.userAgent }),
    tags: tagsOf(context, record.eventContext),
    session: sessionOf(record, identity, v["userIdentity.type"], eventName, v.userAgent),
    explicit: sourceIdentity ? { onBehalfOf: sourceIdentity } : {},
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

function sessionOf(record: Json, identity: Json, type: string | undefined, eventName: string, userAgent: string | undefined): EventSession {
  const context = isObject(identity.sessionContext) ? identity.sessionContext : {};
  const issuer = isObject(context.sessionIssuer) ? context.sessionIssuer : {};
  const issuerName = stringAt(issuer, "userName") ?? stringAt(issuer, "arn");
  const invokedBy = stringAt(identity, "invokedBy");
  const base = defined({ issuer: issuerName, invokedBy });
  // AWS IAM Identity Center provisions roles named AWSReservedSSO_<permission set>_<id> for SSO sign-ins; a SAMLUser
  // is a person signing in through a SAML identity provider (AssumeRoleWithSAML).
  if (issuerName?.startsWith("AWSReservedSSO_") || type === "IdentityCenterUser" || type === "SAMLUser") return { ...base, kind: "sso" };
  if (eventName === "ConsoleLogin" || record.sessionCredentialFromConsole === "true") return { ...base, kind: "console" };
  if (isWorkloadSession(record, identity, type, context, issuer, userAgent)) return { ...base, kind: "service" };
  const kinds: Record<string, EventSession["kind"]> = {
    AssumedRole: "assumed_role",
    IAMUser: "iam_user",
    Root: "root",
    AWSService: "service",
    FederatedUser: "federated",
    WebIdentityUser: "federated",
  };
  const kind = type !== undefined ? kinds[type] : undefined;
  return kind ? { ...base, kind } : base;
}

/**
 * OIDC providers that only issue tokens to workloads (CI jobs, Kubernetes service accounts), never to people:
 * a role session federated through one of them is a machine's.
 */
const WORKLOAD_OIDC_PROVIDERS = [
  /^token\.actions\.githubusercontent\.com(?:\/|$)/, // GitHub Actions
  /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com\/id\//, // EKS IAM roles for service accounts
  /^app\.terraform\.io$/, // HCP Terraform runs
  /^oidc\.circleci\.com\/org\//, // CircleCI jobs
];

/**
 * A session that belongs to an AWS service or a workload rather than a person: an AWS service event (no identity
 * type, only `invokedBy`), a service-linked role (only AWS services can assume those), a role federated through a
 * workload OIDC provider, or SDK calls from code running on Lambda or ECS (the SDKs append `exec-env/` and
 * AWS_EXECUTION_ENV to the user agent).
 */
function isWorkloadSession(record: Json, identity: Json, type: string | undefined, context: Json, issuer: Json, userAgent: string | undefined): boolean {
  if (type === undefined && record.eventType === "AwsServiceEvent" && "invokedBy" in identity) return true;
  const issuerArn = stringAt(issuer, "arn");
  if (issuerArn?.includes(":role/aws-service-role/") || stringAt(issuer, "userName")?.startsWith("AWSServiceRoleFor")) return true;
  const federation = isObject(context.webIdFederationData) ? stringAt(context.webIdFederationData, "federatedProvider") : undefined;
  const provider = federation ?? (type === "WebIdentityUser" ? stringAt(identity, "identityProvider") : undefined);
  if (provider !== undefined) {
    const host = provider.replace(/^arn:[^:]+:iam::\d*:oidc-provider\//, "").replace(/^https:\/\//, "");
    if (WORKLOAD_OIDC_PROVIDERS.some((re) => re.test(host))) return true;
  }
  return userAgent !== undefined && userAgent.includes("exec-env/AWS_") && /\bexec-env\/AWS_(?:Lambda|ECS)_/.test(userAgent);
}

/**
 * Principal/session tags, when the trail (or an enrichment step) records them under
 * `sessionContext.principalTags` or `sessionContext.sessionTags`, as a map or a `[{key, value}]` list, or when a
 * CloudTrail Lake enriched event carries them in `eventContext` (as `aws:PrincipalTag/<key>` condition keys in
 * `requestContext`, or under `tagContext.principalTags`).
 */
function tagsOf(context: Json | undefined, eventContext: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  if (context) for (const source of [context.principalTags, context.sessionTags]) addTags(tags, source);
  if (isObject(eventContext)) {
    if (isObject(eventContext.tagContext)) addTags(tags, eventContext.tagContext.principalTags);
    if (isObject(eventContext.requestContext)) {
      for (const [key, value] of Object.entries(eventContext.requestContext)) {
        if (key.startsWith("aws:PrincipalTag/") && typeof value === "string") tags[key.slice("aws:PrincipalTag/".length)] = value;
      }
    }
  }
  return tags;
}

function addTags(tags: Record<string, string>, source: unknown): void {
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

/** Request parameters that name the resource when a record has no `resources` list, most specific first. */
const RESOURCE_PARAMETERS = [
  "dBInstanceIdentifier", "dBClusterIdentifier", "bucketName", "tableName", "functionName", "volumeId",
  "instanceId", "roleName", "userName", "name", "resourceArn", "roleArn", "secretId", "stackName", "repositoryName",
  "clusterName", "keyId",
];

/**
 * Otherwise the first request parameter that names or identifies something (`dBSnapshotIdentifier`, `logGroupName`,
 * `backupVaultName`, Route 53's `id`, …); request plumbing is skipped.
 */
const NAMING_PARAMETER = /^(?:id|arn|name)$|[a-z](?:Name|Id|ID|Identifier|Arn|ARN|Url)$/;
const NOT_A_RESOURCE = new Set(["clientToken", "clientRequestToken", "requestId", "idempotencyToken", "roleSessionName", "sAMLAssertionID"]);

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
  if (ids.length > 0) return ids.join(",");
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === "string" && value !== "" && NAMING_PARAMETER.test(key) && !NOT_A_RESOURCE.has(key)) return value;
  }
  return undefined;
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
