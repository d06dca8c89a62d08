import { expect, test } from "vitest";
import { CREDENTIAL_FIELDS } from "@/lib/domain/credential";
import { LEASH_COLUMNS, LEASH_REQUIRED_COLUMNS, leashCsvTemplate } from "./leash-columns";

test("every credential field has a documented Leash column", () => {
  const fields = new Set(LEASH_COLUMNS.map((c) => c.field));
  for (const field of ["external_id", ...CREDENTIAL_FIELDS]) expect(fields).toContain(field);
});

test("columns are documented with a unique name, a description, and allowed values for enums", () => {
  expect(new Set(LEASH_COLUMNS.map((c) => c.name)).size).toBe(LEASH_COLUMNS.length);
  for (const column of LEASH_COLUMNS) {
    expect(column.description.length).toBeGreaterThan(5);
    if (column.type === "enum" || column.type === "enum_list") expect(column.allowed?.length).toBeGreaterThan(1);
  }
  expect(LEASH_REQUIRED_COLUMNS).toEqual(["external_id", "provider", "kind"]);
});

test("the template is the header plus one example row, RFC 4180 quoted", () => {
  const lines = leashCsvTemplate().split("\r\n");
  expect(lines).toHaveLength(3);
  expect(lines[0]).toBe(LEASH_COLUMNS.map((c) => c.name).join(","));
  expect(lines[1]?.startsWith("inv-0001,Deploy token for the billing service,railway,api_token,")).toBe(true);
  expect(lines[2]).toBe("");
});

test("the example row never carries a secret or a fingerprint", () => {
  const secret = LEASH_COLUMNS.find((c) => c.name === "secret");
  const fingerprint = LEASH_COLUMNS.find((c) => c.name === "fingerprint");
  expect(secret?.example).toBe("");
  expect(fingerprint?.example).toBe("");
});
