CREATE TABLE "evidence_package_chunks" (
	"package_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"content" "bytea" NOT NULL,
	CONSTRAINT "evidence_package_chunks_package_id_seq_pk" PRIMARY KEY("package_id","seq")
);
--> statement-breakpoint
ALTER TABLE "evidence_packages" ALTER COLUMN "bytes" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "evidence_package_chunks" ADD CONSTRAINT "evidence_package_chunks_package_id_evidence_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."evidence_packages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Packages built before chunking keep their exact bytes, as one chunk each.
INSERT INTO "evidence_package_chunks" ("package_id", "seq", "content") SELECT "id", 0, "content" FROM "evidence_packages";--> statement-breakpoint
ALTER TABLE "evidence_packages" DROP COLUMN "content";