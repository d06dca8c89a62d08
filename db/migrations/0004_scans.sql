CREATE TYPE "public"."corpus_kind" AS ENUM('git_repo', 'docs_export', 'chat_export', 'file_tree');--> statement-breakpoint
CREATE TABLE "corpora" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" "corpus_kind" NOT NULL,
	"agent_readable" boolean NOT NULL,
	"readers" text[] DEFAULT '{}'::text[] NOT NULL,
	"team_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_scan_at" timestamp with time zone,
	CONSTRAINT "corpora_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "scan_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"corpus_id" uuid NOT NULL,
	"status" text NOT NULL,
	"origin" text NOT NULL,
	"scanner_version" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"files" integer DEFAULT 0 NOT NULL,
	"bytes" integer DEFAULT 0 NOT NULL,
	"findings" integer DEFAULT 0 NOT NULL,
	"opened" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"failure" text,
	"requested_by" text NOT NULL,
	"requested_by_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "secret_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"corpus_id" uuid NOT NULL,
	"fingerprint" text NOT NULL,
	"detector" text NOT NULL,
	"kind" text NOT NULL,
	"provider" text NOT NULL,
	"title" text NOT NULL,
	"confidence" text NOT NULL,
	"severity" text NOT NULL,
	"entropy_milli" integer NOT NULL,
	"preview" text NOT NULL,
	"public_id" text,
	"credential_id" uuid,
	"allowed" boolean DEFAULT false NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"last_run_id" uuid NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "secret_locations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"finding_id" uuid NOT NULL,
	"file" text NOT NULL,
	"line" integer NOT NULL,
	"column" integer NOT NULL,
	"context" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"in_test_path" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "corpora" ADD CONSTRAINT "corpora_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_runs" ADD CONSTRAINT "scan_runs_corpus_id_corpora_id_fk" FOREIGN KEY ("corpus_id") REFERENCES "public"."corpora"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_runs" ADD CONSTRAINT "scan_runs_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secret_findings" ADD CONSTRAINT "secret_findings_corpus_id_corpora_id_fk" FOREIGN KEY ("corpus_id") REFERENCES "public"."corpora"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secret_findings" ADD CONSTRAINT "secret_findings_credential_id_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."credentials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secret_findings" ADD CONSTRAINT "secret_findings_last_run_id_scan_runs_id_fk" FOREIGN KEY ("last_run_id") REFERENCES "public"."scan_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secret_locations" ADD CONSTRAINT "secret_locations_finding_id_secret_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."secret_findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "scan_runs_corpus_idx" ON "scan_runs" USING btree ("corpus_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "secret_findings_corpus_fingerprint_idx" ON "secret_findings" USING btree ("corpus_id","fingerprint");--> statement-breakpoint
CREATE INDEX "secret_findings_credential_idx" ON "secret_findings" USING btree ("credential_id");--> statement-breakpoint
CREATE INDEX "secret_findings_open_idx" ON "secret_findings" USING btree ("corpus_id") WHERE resolved_at is null;--> statement-breakpoint
CREATE INDEX "secret_locations_finding_idx" ON "secret_locations" USING btree ("finding_id");