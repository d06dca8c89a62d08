import { customType, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * The instance's Ed25519 signing keys: one current, any number retired (packages they signed still verify). The
 * private key is stored encrypted (AES-256-GCM under a key derived from the instance's auth secret).
 */
export const evidenceKeys = pgTable("evidence_keys", {
  keyId: text("key_id").primaryKey(),
  publicKeyPem: text("public_key_pem").notNull(),
  privateKeyEncrypted: text("private_key_encrypted").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  retiredAt: timestamp("retired_at", { withTimezone: true, precision: 3 }),
});

/** Built packages: the exact bytes are kept, so every download of a package is identical. */
export const evidencePackages = pgTable(
  "evidence_packages",
  {
    id: uuid("id").primaryKey(),
    framework: text("framework").notNull(),
    scope: jsonb("scope").$type<{ kind: "as_of"; asOf: string } | { kind: "period"; from: string; to: string }>().notNull(),
    keyId: text("key_id")
      .notNull()
      .references(() => evidenceKeys.keyId),
    sha256: text("sha256").notNull(),
    bytes: integer("bytes").notNull(),
    content: bytea("content").notNull(),
    files: integer("files").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    createdBy: text("created_by").notNull(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("evidence_packages_created_idx").on(t.createdAt.desc())],
);

