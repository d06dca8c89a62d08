import { describe, expect, it } from "vitest";
import { classifyApiOperation, splitWords } from "./api-verbs";
import { classifySql } from "./destructive";

describe("classifySql", () => {
  const cases: [string, string, boolean][] = [
    ["DELETE FROM orders WHERE id = 1", "delete", true],
    ["drop table public.orders", "drop", true],
    ["DROP DATABASE shop", "drop", true],
    ["TRUNCATE orders, payments", "truncate", true],
    ["ALTER TABLE orders DROP COLUMN total", "drop", true],
    ["ALTER TABLE orders ADD COLUMN note text", "admin", false],
    ["ALTER TABLE orders DROP total", "drop", true],
    ["ALTER TABLE orders DROP CONSTRAINT orders_user_fk", "drop", true],
    ["ALTER TABLE users ALTER COLUMN email DROP NOT NULL", "admin", false],
    ["ALTER TABLE orders ALTER COLUMN status DROP DEFAULT", "admin", false],
    ["ALTER TABLE orders ALTER COLUMN id DROP IDENTITY IF EXISTS", "admin", false],
    ["ALTER TABLE orders ALTER COLUMN status DROP DEFAULT, DROP COLUMN notes", "drop", true],
    ["MERGE INTO stock s USING incoming i ON s.id = i.id WHEN MATCHED AND i.qty = 0 THEN DELETE WHEN MATCHED THEN UPDATE SET qty = i.qty", "delete", true],
    ["MERGE INTO stock s USING incoming i ON s.id = i.id WHEN MATCHED THEN UPDATE SET qty = i.qty", "write", false],
    ["WITH gone AS (DELETE FROM t RETURNING *) SELECT count(*) FROM gone", "delete", true],
    ["EXPLAIN ANALYZE DELETE FROM t", "delete", true],
    ["EXPLAIN DELETE FROM t", "read", false],
    ["SELECT 'DELETE FROM t; DROP TABLE x'", "read", false],
    ["SELECT 1 -- DROP TABLE x", "read", false],
    ["-- DROP TABLE x\nSELECT 1", "read", false],
    ["/* DELETE */ SELECT 1", "read", false],
    ["SELECT 1; -- ; DROP TABLE x", "read", false],
    ["-- cleanup\nDROP TABLE x", "drop", true],
    ["SELECT /* DROP /* nested */ TABLE */ 1", "read", false],
    ['SELECT "drop" FROM "delete"', "read", false],
    ["SELECT E'it\\'s; DROP TABLE x'", "read", false],
    ["CREATE FUNCTION f() RETURNS void AS $$ DELETE FROM t $$ LANGUAGE sql", "admin", false],
    ["CREATE FUNCTION f() RETURNS void AS $body$ DROP TABLE t $body$ LANGUAGE sql", "admin", false],
    ["SELECT 1; DROP TABLE t", "drop", true],
    ["UPDATE t SET x = 1", "write", false],
    ["INSERT INTO t VALUES ('drop')", "write", false],
    ["COPY t FROM STDIN", "write", false],
    ["COPY t TO STDOUT", "read", false],
    ["GRANT SELECT ON t TO bob", "admin", false],
    ["-- just a comment", "other", false],
  ];
  for (const [sql, operation, destructive] of cases) {
    it(sql, () => {
      const result = classifySql(sql);
      expect({ operation: result.operation, destructive: result.destructive }).toEqual({ operation, destructive });
    });
  }
  it("explains the decision", () => {
    expect(classifySql("ALTER TABLE orders DROP COLUMN total").reason).toBe("SQL ALTER TABLE … DROP removes part of an object");
  });
});

describe("classifyApiOperation", () => {
  const cases: [string, string, boolean][] = [
    ["DeleteDBInstance", "delete", true],
    ["TerminateInstances", "delete", true],
    ["DeleteBucket", "delete", true],
    ["volumeDelete", "delete", true],
    ["projectDelete", "delete", true],
    ["PurgeQueue", "delete", true],
    ["destroy_environment", "delete", true],
    ["RemoveVolume", "delete", true],
    ["RemoveTagsFromResource", "write", false],
    ["DeleteTags", "write", false],
    ["GetObject", "read", false],
    ["ListBuckets", "read", false],
    ["DescribeDBInstances", "read", false],
    ["GetRolePolicy", "read", false],
    ["AttachRolePolicy", "admin", false],
    ["CreateAccessKey", "admin", false],
    ["PutObject", "write", false],
    ["UpdateService", "write", false],
    ["serviceInstanceRedeploy", "deploy", false],
    ["CreateDeployment", "deploy", false],
    ["deploymentTrigger", "deploy", false],
    ["ConsoleLogin", "other", false],
    ["AssumeRole", "other", false],
    ["Frobnicate", "other", false],
    // KMS names the destruction with a noun: deleting a key destroys everything encrypted under it.
    ["ScheduleKeyDeletion", "delete", true],
    ["CancelKeyDeletion", "admin", false],
    ["UpdateTerminationProtection", "write", false],
  ];
  for (const [name, operation, destructive] of cases) {
    it(name, () => {
      const result = classifyApiOperation(name);
      expect({ operation: result.operation, destructive: result.destructive }).toEqual({ operation, destructive });
    });
  }
  it("names what a noun-named destruction destroys", () => {
    expect(classifyApiOperation("ScheduleKeyDeletion").reason).toBe('API verb "delete" destroys key');
  });
  it("splits operation names into words", () => {
    expect(splitWords("DeleteDBInstance")).toEqual(["delete", "db", "instance"]);
    expect(splitWords("volumeDelete")).toEqual(["volume", "delete"]);
    expect(splitWords("projects.delete")).toEqual(["projects", "delete"]);
  });
});
