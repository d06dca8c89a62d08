import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { ActivityEvent } from "../../domain/activity-event";
import { splitRecordsArray } from "./cloudtrail-stream";
import { parseEvents } from "./parse-events";
import type { ParseOptions } from "./types";
import { NOW, bytesOf, collect, fakeAccessKeyId, fixture } from "./test-helpers";

const options: ParseOptions = {
  now: NOW,
  environmentRules: [
    { match: "aws_account", pattern: "111122223333", environment: "production" },
    { match: "aws_account", pattern: "444455556666", environment: "staging" },
  ],
};

async function parse(text: string | Uint8Array, chunkSize = 1 << 16, extra: ParseOptions = {}) {
  return collect(parseEvents("cloudtrail", bytesOf(text, chunkSize), { ...options, ...extra }));
}

function events(results: Awaited<ReturnType<typeof parse>>): ActivityEvent[] {
  return results.flatMap((r) => ("event" in r ? [r.event] : []));
}

describe("cloudtrail parser: log files", () => {
  it("keeps each record's own text as its raw JSON, whether the file is one line or a record per line", async () => {
    const record = (id: string) => `{"eventVersion": "1.08", "eventTime":"2026-11-20T09:15:00Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","eventID":"${id}","userIdentity":{"type":"IAMUser"},\t"requestParameters":{"n":1.50}}`;
    const file = await parse(`{"Records":[${record("f-1")},\n ${record("f-2")}]}`, 40);
    expect(events(file).map((e) => e.rawJson)).toEqual([record("f-1"), record("f-2")]);
    const lines = await parse(`${record("l-1")}\n${record("l-2")}\n`);
    expect(events(lines).map((e) => e.rawJson)).toEqual([record("l-1"), record("l-2")]);
    expect(JSON.parse(events(lines)[0]!.rawJson!)).toEqual(events(lines)[0]!.raw);
  });

  it("reads a call's request parameters where its name sounds harmless: an expire-everything lifecycle rule is destructive", async () => {
    const record = (id: string, filter: string) =>
      `{"eventVersion":"1.09","eventTime":"2026-11-20T09:15:00Z","eventSource":"s3.amazonaws.com","eventName":"PutBucketLifecycle","eventID":"${id}","userIdentity":{"type":"IAMUser"},` +
      `"requestParameters":{"bucketName":"orders","LifecycleConfiguration":{"Rule":{"ID":"r","Status":"Enabled",${filter}"Expiration":{"Days":1}}}}}`;
    const [all, some] = events(await parse(`{"Records":[${record("lc-1", `"Filter":{"Prefix":""},`)},${record("lc-2", `"Filter":{"Prefix":"tmp/"},`)}]}`));
    expect([all?.destructive, all?.operation, all?.destructiveReason]).toEqual([true, "delete", 'lifecycle rule "r" expires every object in the bucket after 1 day(s)']);
    expect([some?.destructive, some?.operation]).toEqual([false, "write"]);
  });

  it("maps every documented field of the fixture's records", async () => {
    const out = await parse(fixture("cloudtrail-file.json"));
    expect(out.every((r) => "event" in r)).toBe(true);
    const [sso, agent, denied] = events(out);
    expect(sso).toMatchObject({
      ingestKey: "cloudtrail:3b1c2d4e-0000-4000-8000-000000000001",
      occurredAt: "2026-11-20T09:15:00.000Z",
      credential: { keyId: fakeAccessKeyId(1) },
      actor: "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/alice@example.com",
      actorType: "human",
      operation: "write",
      resourceEnvironment: "production",
      session: { kind: "sso", issuer: "AWSReservedSSO_AdministratorAccess_0123456789abcdef" },
      origin: { ip: "203.0.113.10", userAgent: "aws-cli/2.15.0 Python/3.11.6 Linux/6.5 exe/x86_64" },
      outcome: "success",
    });
    expect(agent).toMatchObject({
      rawOperation: "DeleteDBInstance",
      operation: "delete",
      destructive: true,
      resource: "orders-prod",
      actorType: "agent",
      agentName: "Claude Code",
      resourceEnvironment: "production",
      session: { kind: "assumed_role", issuer: "ci-deployer" },
    });
    expect(denied).toMatchObject({
      outcome: "denied",
      errorCode: "AccessDenied",
      resource: "arn:aws:s3:::staging-exports",
      resourceEnvironment: "staging",
      session: { kind: "iam_user" },
      actorType: "unknown",
    });
  });

  it("gives the same result whatever the chunking, gzipped or not", async () => {
    const text = fixture("cloudtrail-file.json");
    const reference = events(await parse(text));
    for (const chunkSize of [1, 3, 97]) expect(events(await parse(text, chunkSize))).toEqual(reference);
    expect(events(await parse(gzipSync(text), 11))).toEqual(reference);
  });

  it("reports line numbers of records in a pretty-printed file", async () => {
    const out = await parse(fixture("cloudtrail-file.json").replace('"eventName": "DeleteBucket"', '"eventName": 7'));
    const error = out.find((r) => "error" in r);
    expect(error && "error" in error ? error.error : null).toEqual({ line: 59, field: "Records[2].eventName", reason: "must be a string" });
  });

  it("reports a truncated file and keeps the complete records", async () => {
    const text = fixture("cloudtrail-file.json");
    const out = await parse(text.slice(0, text.indexOf('"eventID": "3b1c2d4e-0000-4000-8000-000000000003"')));
    expect(events(out)).toHaveLength(2);
    expect(out.at(-1)).toEqual({ line: 59, error: { line: 59, field: "Records[2]", reason: "file ends inside this record (truncated upload?)" } });
  });

  it("skips an over-long record without buffering it and continues", async () => {
    const record = (id: string, pad: string) =>
      JSON.stringify({ eventID: id, eventTime: "2026-11-20T00:00:00Z", eventName: "GetObject", pad });
    const text = `{"Records":[${record("a", "")},${record("b", "x".repeat(5000))},${record("c", "")}]}`;
    const out = await parse(text, 64, { maxLineBytes: 1000 });
    expect(out.map((r) => ("event" in r ? r.event.ingestKey : r.error.reason))).toEqual([
      "cloudtrail:a",
      "record is longer than the 1000-character limit",
      "cloudtrail:c",
    ]);
  });
});

describe("cloudtrail parser: large files", () => {
  it("streams a file that is one 12 MB line, record by record, under a 10 MB line limit", async () => {
    const count = 30_000;
    async function* file(): AsyncGenerator<Uint8Array> {
      const encoder = new TextEncoder();
      yield encoder.encode('{"Records":[');
      for (let i = 0; i < count; i++) {
        const pad = "p".repeat(360);
        yield encoder.encode(`${i ? "," : ""}{"eventID":"e${i}","eventTime":"2026-11-20T00:00:00Z","eventName":"GetObject","pad":"${pad}"}`);
      }
      yield encoder.encode("]}");
    }
    let events = 0;
    let last = "";
    let bytes = 0;
    for await (const r of parseEvents("cloudtrail", file(), { now: NOW })) {
      if (!("event" in r)) throw new Error(r.error.reason);
      events++;
      last = r.event.ingestKey;
      bytes += JSON.stringify(r.event.raw).length;
    }
    expect(bytes).toBeGreaterThan(12 * 1024 * 1024);
    expect([events, last]).toEqual([count, `cloudtrail:e${count - 1}`]);
  });
});

describe("cloudtrail parser: one record per line", () => {
  const line = (over: Record<string, unknown>) =>
    JSON.stringify({ eventID: "id-1", eventTime: "2026-11-20T00:00:00Z", eventName: "GetObject", eventSource: "s3.amazonaws.com", ...over });

  const cases: { name: string; record: string; expected: Record<string, unknown> | { error: unknown } }[] = [
    { name: "throttling is a failure, not a denial", record: line({ errorCode: "ThrottlingException" }), expected: { outcome: "failure" } },
    { name: "UnauthorizedOperation is denied", record: line({ errorCode: "Client.UnauthorizedOperation" }), expected: { outcome: "denied" } },
    { name: "failed console sign-in", record: line({ eventName: "ConsoleLogin", responseElements: { ConsoleLogin: "Failure" } }), expected: { outcome: "failure", session: { kind: "console" }, actorType: "human" } },
    { name: "instances from requestParameters", record: line({ eventName: "TerminateInstances", requestParameters: { instancesSet: { items: [{ instanceId: "i-1" }, { instanceId: "i-2" }] } } }), expected: { resource: "i-1,i-2", destructive: true } },
    { name: "principal tags decide attribution", record: line({ userIdentity: { type: "AssumedRole", sessionContext: { principalTags: [{ key: "actor_type", value: "agent" }] } } }), expected: { actorType: "agent", tags: { actor_type: "agent" } } },
    { name: "Data API SQL is classified", record: line({ eventName: "ExecuteStatement", requestParameters: { sql: "TRUNCATE audit_log" } }), expected: { operation: "truncate", destructive: true, statement: "TRUNCATE audit_log" } },
    { name: "timestamp without zone", record: line({ eventTime: "2026-11-20T00:00:00" }), expected: { error: { line: 1, field: "eventTime", reason: "timestamp has no time zone (add Z or an offset such as +00:00)" } } },
    { name: "missing eventName", record: line({ eventName: undefined }), expected: { error: { line: 1, field: "eventName", reason: "required field is missing" } } },
    // Identity types and sessions, as the CloudTrail userIdentity element documents them.
    {
      name: "AwsServiceEvent: identity without a type, only invokedBy → service",
      record: line({ eventName: "RotateKey", eventType: "AwsServiceEvent", userIdentity: { accountId: "111122223333", invokedBy: "kms.amazonaws.com" } }),
      expected: { actor: "kms.amazonaws.com", actorType: "service", session: { kind: "service", invokedBy: "kms.amazonaws.com" }, attributionReason: "The call was made by the cloud service kms.amazonaws.com." },
    },
    {
      name: "service-linked role session → service",
      record: line({
        eventName: "TerminateInstances",
        userIdentity: { type: "AssumedRole", arn: "arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForAutoScaling/AutoScaling", invokedBy: "autoscaling.amazonaws.com", sessionContext: { sessionIssuer: { type: "Role", arn: "arn:aws:iam::111122223333:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling", userName: "AWSServiceRoleForAutoScaling" } } },
      }),
      expected: { actorType: "service", attributionReason: "The call was made by the cloud service autoscaling.amazonaws.com.", destructive: true },
    },
    {
      name: "role federated through GitHub Actions OIDC (webIdFederationData) → service",
      record: line({
        eventName: "DeleteFunction20150331",
        requestParameters: { functionName: "payments-handler" },
        userIdentity: { type: "AssumedRole", arn: "arn:aws:sts::111122223333:assumed-role/github-deploy/GitHubActions", sessionContext: { sessionIssuer: { type: "Role", userName: "github-deploy" }, webIdFederationData: { federatedProvider: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", attributes: {} } } },
      }),
      expected: { actorType: "service", attributionReason: expect.stringContaining("(role github-deploy) belongs to a workload") as unknown as string, resource: "payments-handler" },
    },
    {
      name: "WebIdentityUser from an EKS cluster's OIDC provider → service",
      record: line({ eventName: "AssumeRoleWithWebIdentity", userIdentity: { type: "WebIdentityUser", userName: "system:serviceaccount:jobs:cleaner", identityProvider: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE0123456789" } }),
      expected: { actor: "system:serviceaccount:jobs:cleaner", actorType: "service" },
    },
    {
      name: "WebIdentityUser from a consumer identity provider stays unknown",
      record: line({ eventName: "AssumeRoleWithWebIdentity", userIdentity: { type: "WebIdentityUser", userName: "amzn1.account.EXAMPLE", identityProvider: "www.amazon.com" } }),
      expected: { actorType: "unknown", session: { kind: "federated" } },
    },
    {
      name: "SDK call from code on Lambda (exec-env in the user agent) → service",
      record: line({ eventName: "DeleteTable", userIdentity: { type: "AssumedRole", arn: "arn:aws:sts::111122223333:assumed-role/cleanup-role/cleanup-fn" }, userAgent: "aws-sdk-nodejs/2.1550.0 linux/v18.19.0 exec-env/AWS_Lambda_nodejs18.x promise" }),
      expected: { actorType: "service", session: { kind: "service" } },
    },
    {
      name: "SAMLUser (AssumeRoleWithSAML) is a person signing in → human",
      record: line({ eventName: "AssumeRoleWithSAML", userIdentity: { type: "SAMLUser", principalId: "SampleProviderId:grace@example.com", userName: "grace@example.com", identityProvider: "bdGOnTesti4+ExampleGWgkU=" }, requestParameters: { sAMLAssertionID: "_c0046cEXAMPLE", roleArn: "arn:aws:iam::111122223333:role/SAMLRole", roleSessionName: "grace@example.com" } }),
      expected: { actor: "grace@example.com", actorType: "human", session: { kind: "sso" }, resource: "arn:aws:iam::111122223333:role/SAMLRole" },
    },
    {
      name: "sessionContext.sourceIdentity is who an agent acts for",
      record: line({ eventName: "DeleteSecret", userAgent: "claude-code/1.0.33 aws-sdk-js/3.700.0", requestParameters: { secretId: "prod/db-password" }, userIdentity: { type: "AssumedRole", arn: "arn:aws:sts::111122223333:assumed-role/Dev/s1", sessionContext: { sourceIdentity: "bob@example.com" } } }),
      expected: { actorType: "agent", onBehalfOf: "bob@example.com", explicit: { onBehalfOf: "bob@example.com" }, resource: "prod/db-password", destructive: true },
    },
    {
      name: "Lake enriched event: aws:PrincipalTag condition keys in eventContext are principal tags",
      record: line({ userIdentity: { type: "AssumedRole" }, eventContext: { requestContext: { "aws:PrincipalTag/actor_type": "agent", "aws:ViaAWSService": "false" }, tagContext: {} } }),
      expected: { actorType: "agent", tags: { actor_type: "agent" } },
    },
    {
      name: "another account's principal is named with its account",
      record: line({ userIdentity: { type: "AWSAccount", principalId: "AIDAEXAMPLEPARTNER01", accountId: "444455556666" } }),
      expected: { actor: "444455556666:AIDAEXAMPLEPARTNER01" },
    },
    {
      name: "IAM Identity Center user is named by their identity-store user id",
      record: line({ eventSource: "sso.amazonaws.com", eventName: "ListAccountRoles", userIdentity: { type: "IdentityCenterUser", accountId: "111122223333", onBehalfOf: { userId: "94482488-3041-7026-18f3-be45837cd0e4", identityStoreArn: "arn:aws:identitystore::111122223333:identitystore/d-1234567890" } } }),
      expected: { actor: "94482488-3041-7026-18f3-be45837cd0e4", actorType: "human" },
    },
    // Resources named only in request parameters.
    ...(
      [
        ["secretsmanager.amazonaws.com", "DeleteSecret", { secretId: "prod/db", recoveryWindowInDays: 7 }, "prod/db"],
        ["cloudformation.amazonaws.com", "DeleteStack", { stackName: "prod-network" }, "prod-network"],
        ["ecr.amazonaws.com", "BatchDeleteImage", { repositoryName: "orders-api", imageIds: [{ imageTag: "latest" }] }, "orders-api"],
        ["rds.amazonaws.com", "DeleteDBSnapshot", { dBSnapshotIdentifier: "orders-final" }, "orders-final"],
        ["logs.amazonaws.com", "DeleteLogGroup", { logGroupName: "/aws/lambda/payments" }, "/aws/lambda/payments"],
        ["route53.amazonaws.com", "DeleteHostedZone", { id: "Z0123456789EXAMPLE" }, "Z0123456789EXAMPLE"],
        ["kms.amazonaws.com", "ScheduleKeyDeletion", { keyId: "1234abcd-12ab-34cd-56ef-1234567890ab", pendingWindowInDays: 7 }, "1234abcd-12ab-34cd-56ef-1234567890ab"],
      ] as const
    ).map(([eventSource, eventName, requestParameters, resource]) => ({
      name: `${eventName} names ${resource} in requestParameters`,
      record: line({ eventSource, eventName, requestParameters }),
      expected: { resource, destructive: true },
    })),
    // Records that are not API calls.
    {
      name: "Insights event: refused as not an API call",
      record: line({ eventName: undefined, eventType: "AwsCloudTrailInsight", eventCategory: "Insight", insightDetails: { state: "Start", eventSource: "ec2.amazonaws.com", eventName: "RunInstances", insightType: "ApiCallRateInsight" } }),
      expected: { error: { line: 1, reason: "a CloudTrail Insights event (an unusual API call or error rate), not an API call; Insights events are not ingested" } },
    },
    {
      name: "other JSON: refused naming what it holds",
      record: JSON.stringify({ QueryStatus: "FINISHED", QueryResultRows: [] }),
      expected: { error: { line: 1, reason: "not a CloudTrail record (no eventName, eventTime, eventSource or userIdentity; its keys: QueryStatus, QueryResultRows)" } },
    },
    { name: "userIdentity of the wrong type", record: line({ userIdentity: "root" }), expected: { error: { line: 1, field: "userIdentity", reason: "must be an object" } } },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const [result] = await parse(`${c.record}\n`);
      if ("error" in c.expected) expect(result).toEqual({ line: 1, ...c.expected });
      else expect(result && "event" in result ? result.event : result).toMatchObject(c.expected);
    });
  }

  it("expands a Records wrapper found on one line and names the record in errors", async () => {
    const wrapped = JSON.stringify({ Records: [JSON.parse(line({ eventID: "w1" })), { eventName: "GetObject" }] });
    const out = await parse(`${line({ eventID: "first" })}\n${wrapped}\n{"eventID":\n`);
    expect(out.map((r) => ("event" in r ? r.event.ingestKey : r.error))).toEqual([
      "cloudtrail:first",
      "cloudtrail:w1",
      { line: 2, field: "Records[1].eventTime", reason: "timestamp must be a string" },
      { line: 3, reason: "not valid JSON (truncated line?)" },
    ]);
  });
});

describe("cloudtrail parser: the shapes AWS tools export", () => {
  const record = (id: string, over: Record<string, unknown> = {}) => ({
    eventVersion: "1.09",
    userIdentity: { type: "IAMUser", arn: "arn:aws:iam::111122223333:user/alice", accountId: "111122223333" },
    eventTime: "2026-11-20T00:00:00Z",
    eventSource: "s3.amazonaws.com",
    eventName: "GetObject",
    eventID: id,
    ...over,
  });
  const json = (v: unknown) => JSON.stringify(v);
  const pretty = (v: unknown) => JSON.stringify(v, null, 2);
  const eventBridge = (detailType: string, detail: unknown) =>
    json({ version: "0", id: "eb-1", "detail-type": detailType, source: "aws.s3", account: "111122223333", time: "2026-11-20T00:00:00Z", region: "eu-west-1", resources: [], detail });
  type Summary = string | { line: number; field?: string; reason: string };

  const cases: { name: string; input: string | Uint8Array; expected: Summary[] }[] = [
    {
      name: "log files concatenated into one upload (cat a.json b.json)",
      input: `${json({ Records: [record("a1")] })}
${json({ Records: [record("b1"), record("b2")] })}
`,
      expected: ["cloudtrail:a1", "cloudtrail:b1", "cloudtrail:b2"],
    },
    {
      name: "gzipped log files concatenated (a gzip stream of several members)",
      input: Buffer.concat([gzipSync(json({ Records: [record("a1")] })), gzipSync(json({ Records: [record("b1")] }))]),
      expected: ["cloudtrail:a1", "cloudtrail:b1"],
    },
    {
      name: "text after the log file is reported, not ignored",
      input: `${json({ Records: [record("a1")] })}
not json
`,
      expected: ["cloudtrail:a1", { line: 2, reason: "unexpected text after the end of the CloudTrail log file" }],
    },
    {
      name: "a bare array of records (jq .Records), errors named by index",
      input: pretty([record("r1"), record("r2", { eventTime: 5 })]),
      expected: ["cloudtrail:r1", { line: 14, field: "[1].eventTime", reason: "timestamp must be a string" }],
    },
    {
      name: "lookup-events output with NextToken before Events",
      input: `{"NextToken": "eyJOZXh0VG9rZW4iOiBudWxsfQ==", "Events": [${json({ EventId: "l1", EventName: "GetObject", CloudTrailEvent: json(record("l1")) })}]}`,
      expected: ["cloudtrail:l1"],
    },
    {
      name: "lookup-events items one per line (jq -c '.Events[]'), a broken CloudTrailEvent named",
      input: `${json({ EventId: "l1", CloudTrailEvent: json(record("l1")) })}
${json({ EventId: "l2", CloudTrailEvent: "{not json" })}
`,
      expected: ["cloudtrail:l1", { line: 2, field: "CloudTrailEvent", reason: "is not valid JSON" }],
    },
    {
      name: "EventBridge events, one per line; other detail-types refused",
      input: `${eventBridge("AWS API Call via CloudTrail", record("e1"))}
${eventBridge("AWS Console Sign In via CloudTrail", record("e2", { eventName: "ConsoleLogin" }))}
${eventBridge("EC2 Instance State-change Notification", { state: "terminated" })}
`,
      expected: ["cloudtrail:e1", "cloudtrail:e2", { line: 3, reason: 'an EventBridge event of detail-type "EC2 Instance State-change Notification", not a CloudTrail event' }],
    },
    {
      name: "CloudWatch Logs export lines (<timestamp> <record>)",
      input: `2026-11-20T00:00:00.000Z ${json(record("w1"))}
2026-11-20T00:00:01.000Z ${json(record("w2"))}
`,
      expected: ["cloudtrail:w1", "cloudtrail:w2"],
    },
    {
      name: "CloudWatch Logs subscription payload (logEvents[].message)",
      input: `${json({ messageType: "DATA_MESSAGE", owner: "111122223333", logGroup: "aws-cloudtrail-logs", logStream: "111122223333_CloudTrail_eu-west-1", subscriptionFilters: ["all"], logEvents: [{ id: "1", timestamp: 1795046400000, message: json(record("s1")) }, { id: "2", timestamp: 1795046400000, message: json(record("s2")) }] })}
`,
      expected: ["cloudtrail:s1", "cloudtrail:s2"],
    },
    {
      name: "objects concatenated without a newline (Firehose's default)",
      input: `${eventBridge("AWS API Call via CloudTrail", record("f1"))}${eventBridge("AWS API Call via CloudTrail", record("f2"))}`,
      expected: ["cloudtrail:f1", "cloudtrail:f2"],
    },
    {
      name: "pretty-printed records one after another (copied from the console), by line",
      input: `${pretty(record("p1"))}
${pretty(record("p2", { eventTime: "soon" }))}
`,
      expected: ["cloudtrail:p1", { line: 13, field: "eventTime", reason: "not an ISO 8601 timestamp" }],
    },
    {
      // A trail's S3 folder holds CloudTrail/ and CloudTrail-Digest/ side by side: `zcat $(find AWSLogs -name '*.gz')`.
      name: "a digest file between log files is refused as such, and the log files after it are read",
      input: Buffer.concat([gzipSync(json({ Records: [record("a1")] })), gzipSync(fixture("cloudtrail-digest.json")), gzipSync(json({ Records: [record("b1")] }))]),
      expected: [
        "cloudtrail:a1",
        { line: 1, reason: "a CloudTrail digest file (hashes of log files for integrity validation), not an event log; upload the log files it lists instead" },
        "cloudtrail:b1",
      ],
    },
    {
      name: "a long JSON document that is no log file, between log files, is skipped whole",
      input: `${json({ Records: [record("a1")] })}
${pretty({ note: "x".repeat(5000), nested: { Records: [record("inside")] } })}
${json({ Records: [record("b1")] })}
`,
      expected: ["cloudtrail:a1", { line: 2, reason: "not a CloudTrail log file (no Records array at its start); skipped" }, "cloudtrail:b1"],
    },
    {
      name: "a digest file is refused as such, once",
      input: fixture("cloudtrail-digest.json"),
      expected: [{ line: 1, reason: "a CloudTrail digest file (hashes of log files for integrity validation), not an event log; upload the log files it lists instead" }],
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const out = await parse(c.input, 7);
      expect(out.map((r): Summary => ("event" in r ? r.event.ingestKey : r.error))).toEqual(c.expected);
    });
  }

  it("reads lookup-events output: each CloudTrailEvent string is the record and its stored raw JSON", async () => {
    const out = events(await parse(fixture("cloudtrail-lookup-events.json")));
    expect(out.map((e) => [e.ingestKey, e.actorType, e.agentName, e.onBehalfOf, e.destructive, e.resource, e.resourceEnvironment])).toEqual([
      ["cloudtrail:7a1b2c3d-0000-4000-8000-000000000001", "agent", "Claude Code", "bob@example.com", true, "prod/orders/db-password", "production"],
      ["cloudtrail:7a1b2c3d-0000-4000-8000-000000000002", "human", null, null, false, "signin.amazonaws.com", "production"],
    ]);
    const item = (JSON.parse(fixture("cloudtrail-lookup-events.json")) as { Events: { CloudTrailEvent: string }[] }).Events[0]!;
    expect(out[0]!.rawJson).toBe(item.CloudTrailEvent);
  });
});

describe("splitRecordsArray", () => {
  async function* chunks(...parts: string[]) {
    yield* parts;
  }
  it("ignores brackets and braces inside strings, including escaped quotes", async () => {
    const out = await collect(splitRecordsArray(chunks('{"Records":[{"a":"}]\\"{"}', ',{"b":[1,{"c":2}]}', "]}"), 1000));
    expect(out).toEqual([
      { line: 1, index: 0, text: '{"a":"}]\\"{"}' },
      { line: 1, index: 1, text: '{"b":[1,{"c":2}]}' },
    ]);
  });
  it("splits the same records with the same line numbers however the text is cut into chunks", async () => {
    const records = [
      '{"policy":"{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{}]}","ua":"a \\\\"}',
      '{\n  "multi": "line\\nrecord",\n  "brackets": "]}{[" ,\n  "end": "\\\\\\""\n}',
      '{"raw":"a\nb","after":[{"x":"\\u005d"}]}',
      '{"last":true}',
    ];
    const text = `{"Records":[\n${records.join(",\n")}\n]}`;
    const whole = await collect(splitRecordsArray(chunks(text), 1000));
    expect(whole.map((r) => ("text" in r ? r.text : r.error.reason))).toEqual(records);
    expect(whole.map((r) => r.line)).toEqual([2, 3, 8, 10]);
    for (let size = 1; size <= 40; size++) {
      const parts = Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
      expect(await collect(splitRecordsArray(chunks(...parts), 1000)), `chunks of ${size}`).toEqual(whole);
    }
  });

  it("reports non-object elements and keeps going", async () => {
    const out = await collect(splitRecordsArray(chunks('{"Records":[1,"x",{"ok":true}]}'), 1000));
    expect(out.map((r) => ("text" in r ? r.text : r.error.reason))).toEqual(["record is not a JSON object", "record is not a JSON object", '{"ok":true}']);
  });
  it("reports an array that never closes", async () => {
    const out = await collect(splitRecordsArray(chunks('{"Records":[{"a":1}\n'), 1000));
    expect(out.at(-1)).toEqual({ line: 2, index: 1, error: { line: 2, field: "Records", reason: "file ends before the Records array is closed (truncated upload?)" } });
  });
});
