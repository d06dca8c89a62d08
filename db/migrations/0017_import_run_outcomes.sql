-- Which credentials each import run left unchanged or marked missing: neither writes a credential version, and a
-- later import moves missing_from_source_at on, so a run's Unchanged and Marked missing counts could not be listed.
-- One row per written batch holding its credentials' ids, so a re-import that changes nothing stays nearly free.
-- Runs recorded before this have no such rows and say so (outcomes_recorded false) instead of listing nothing.
CREATE TABLE "import_run_credentials" (
	"run_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"credential_ids" uuid[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "import_runs" ADD COLUMN "outcomes_recorded" boolean DEFAULT true NOT NULL;--> statement-breakpoint
UPDATE "import_runs" SET "outcomes_recorded" = false;--> statement-breakpoint
ALTER TABLE "import_run_credentials" ADD CONSTRAINT "import_run_credentials_run_id_import_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."import_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_run_credentials_run_idx" ON "import_run_credentials" USING btree ("run_id","outcome");