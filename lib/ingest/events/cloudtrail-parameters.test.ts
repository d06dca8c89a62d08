import { describe, expect, it } from "vitest";
import { classifyCloudTrailCall } from "./cloudtrail-parameters";

const lifecycle = (rule: unknown) => ({
  requestParameters: { bucketName: "prod-invoices", lifecycle: "", LifecycleConfiguration: { xmlns: "http://s3.amazonaws.com/doc/2006-03-01/", Rule: rule } },
});
const rule = (over: Record<string, unknown>) => ({ ID: "r1", Status: "Enabled", Expiration: { Days: 1 }, ...over });
const dns = (...actions: string[]) => ({
  requestParameters: {
    hostedZoneId: "Z0123456789ABCDEFGHIJ",
    changeBatch: { changes: actions.map((action) => ({ action, resourceRecordSet: { name: "api.acme.example.", type: "A" } })) },
  },
});

// The incident class: a call named like a harmless write that deletes production data or removes its last guard.
describe("classifyCloudTrailCall", () => {
  const cases: [string, string, unknown, { operation: string; destructive: boolean }][] = [
    ["lifecycle: empty-prefix filter expires every object", "PutBucketLifecycle", lifecycle(rule({ Filter: { Prefix: "" } })), { operation: "delete", destructive: true }],
    ["lifecycle: empty filter element", "PutBucketLifecycle", lifecycle(rule({ Filter: "" })), { operation: "delete", destructive: true }],
    ["lifecycle: empty filter object", "PutBucketLifecycleConfiguration", lifecycle(rule({ Filter: {} })), { operation: "delete", destructive: true }],
    ["lifecycle: legacy rule-level empty prefix, past date, among other rules", "PutBucketLifecycle",
      lifecycle([rule({ Filter: { Prefix: "archive/" }, Expiration: undefined, Transition: { Days: 30 } }), rule({ Prefix: "", Expiration: { Date: "2025-01-01T00:00:00.000Z" } })]),
      { operation: "delete", destructive: true }],
    ["lifecycle: no filter and no prefix", "PutBucketLifecycle", lifecycle(rule({})), { operation: "delete", destructive: true }],
    ["lifecycle: sub-prefix only", "PutBucketLifecycle", lifecycle(rule({ Filter: { Prefix: "tmp/" } })), { operation: "write", destructive: false }],
    ["lifecycle: tag filter", "PutBucketLifecycle", lifecycle(rule({ Filter: { Tag: { Key: "ttl", Value: "1d" } } })), { operation: "write", destructive: false }],
    ["lifecycle: transition only", "PutBucketLifecycle", lifecycle(rule({ Filter: {}, Expiration: undefined, Transition: { Days: 90, StorageClass: "GLACIER" } })),
      { operation: "write", destructive: false }],
    ["lifecycle: expire-all rule disabled", "PutBucketLifecycle", lifecycle(rule({ Filter: {}, Status: "Disabled" })), { operation: "write", destructive: false }],
    ["lifecycle: delete markers only", "PutBucketLifecycle", lifecycle(rule({ Filter: {}, Expiration: { ExpiredObjectDeleteMarker: true } })), { operation: "write", destructive: false }],
    ["route53: a DELETE change", "ChangeResourceRecordSets", dns("DELETE"), { operation: "delete", destructive: true }],
    ["route53: a batch with one DELETE", "ChangeResourceRecordSets", dns("CREATE", "DELETE"), { operation: "delete", destructive: true }],
    ["route53: UPSERT", "ChangeResourceRecordSets", dns("UPSERT"), { operation: "write", destructive: false }],
    ["rds: deletion protection off", "ModifyDBInstance", { requestParameters: { dBInstanceIdentifier: "prod", deletionProtection: false } }, { operation: "admin", destructive: true }],
    ["aurora: deletion protection off", "ModifyDBCluster", { requestParameters: { dBClusterIdentifier: "prod", deletionProtection: false } }, { operation: "admin", destructive: true }],
    ["rds: backups off", "ModifyDBInstance", { requestParameters: { dBInstanceIdentifier: "prod", backupRetentionPeriod: 0 } }, { operation: "delete", destructive: true }],
    ["rds: deletion protection on", "ModifyDBInstance", { requestParameters: { dBInstanceIdentifier: "prod", deletionProtection: true } }, { operation: "write", destructive: false }],
    ["rds: instance class", "ModifyDBInstance", { requestParameters: { dBInstanceIdentifier: "prod", dBInstanceClass: "db.r6g.xlarge" } }, { operation: "write", destructive: false }],
    ["dynamodb: deletion protection off", "UpdateTable", { requestParameters: { tableName: "t", deletionProtectionEnabled: false } }, { operation: "admin", destructive: true }],
    ["ec2: termination protection off", "ModifyInstanceAttribute", { requestParameters: { instanceId: "i-1", disableApiTermination: { value: false } } },
      { operation: "admin", destructive: true }],
    ["cloudformation: termination protection off", "UpdateTerminationProtection", { requestParameters: { stackName: "prod", enableTerminationProtection: false } },
      { operation: "admin", destructive: true }],
    ["other calls by name", "DeleteDBInstance", { requestParameters: { dBInstanceIdentifier: "prod" } }, { operation: "delete", destructive: true }],
    ["no request parameters", "PutBucketLifecycle", { requestParameters: null }, { operation: "write", destructive: false }],
    ["a name that is an Object.prototype key", "constructor", { requestParameters: {} }, { operation: "other", destructive: false }],
  ];
  for (const [name, eventName, record, expected] of cases) {
    it(name, () => expect(classifyCloudTrailCall(eventName, record)).toMatchObject(expected));
  }

  it("says why", () => {
    expect(classifyCloudTrailCall("PutBucketLifecycle", lifecycle(rule({ ID: "nuke", Filter: {} }))).reason).toBe(
      'lifecycle rule "nuke" expires every object in the bucket after 1 day(s)',
    );
  });
});
