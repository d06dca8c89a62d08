import { bigint, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
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

/** Built packages: the exact bytes are kept (in evidence_package_chunks), so every download of a package is identical. */
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
    bytes: bigint("bytes", { mode: "number" }).notNull(),
    files: integer("files").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    createdBy: text("created_by").notNull(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("evidence_packages_created_idx").on(t.createdAt.desc())],
);


/**
 * A package's zip in 4 MiB chunks, written in the transaction that records the package: a package of any size is
 * stored and downloaded a chunk at a time (one bytea value holds at most 1 GB, and would have to be held whole).
 */
export const evidencePackageChunks = pgTable(
  "evidence_package_chunks",
  {
    packageId: uuid("package_id")
      .notNull()
      .references(() => evidencePackages.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    content: bytea("content").notNull(),
  },
  (t) => [primaryKey({ columns: [t.packageId, t.seq] })],
);
