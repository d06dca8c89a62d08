CREATE TYPE "public"."credential_change_kind" AS ENUM('import', 'api', 'person', 'system');--> statement-breakpoint
CREATE TYPE "public"."credential_kind" AS ENUM('access_key', 'pat', 'api_token', 'service_account_key', 'db_password', 'oauth_client_secret', 'ssh_key', 'webhook_secret', 'other');--> statement-breakpoint
CREATE TYPE "public"."credential_status" AS ENUM('active', 'disabled', 'expired', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."import_run_status" AS ENUM('running', 'applied', 'rejected', 'failed');--> statement-breakpoint
CREATE TYPE "public"."principal_type" AS ENUM('human', 'service', 'agent');--> statement-breakpoint
CREATE TYPE "public"."storage_kind" AS ENUM('vault', 'ci_secret', 'env_file', 'plaintext', 'unknown');--> statement-breakpoint
CREATE TABLE "credential_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"credential_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"valid_from" timestamp (3) with time zone NOT NULL,
	"valid_to" timestamp (3) with time zone,
	"data" jsonb NOT NULL,
	"changed_fields" text[] NOT NULL,
	"change_kind" "credential_change_kind" NOT NULL,
	"changed_by" text NOT NULL,
	"changed_by_user_id" uuid,
	"import_run_id" uuid
);
--> statement-breakpoint
CREATE TABLE "credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"team_id" uuid,
	"name" text,
	"provider" text,
	"kind" "credential_kind",
	"principal" text,
	"principal_type" "principal_type",
	"team" text,
	"owner_email" text,
	"environments" text[],
	"agent_accessible" boolean,
	"allowed_operations" text[],
	"scopes" text[],
	"created_at" timestamp (3) with time zone,
	"expires_at" timestamp (3) with time zone,
	"last_rotated_at" timestamp (3) with time zone,
	"last_used_at" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone,
	"status" "credential_status",
	"storage" "storage_kind",
	"approval_ref" text,
	"last_review_at" timestamp (3) with time zone,
	"reviewer" text,
	"tags" text[],
	"fingerprint" text,
	"public_id" text,
	"account" text,
	"provenance" jsonb NOT NULL,
	"mapped_by" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"missing_from_source_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"format" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text,
	"file_bytes" integer,
	"status" "import_run_status" DEFAULT 'running' NOT NULL,
	"apply_valid" boolean NOT NULL,
	"full_sync" boolean NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"marked_missing" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"failure" text,
	"requested_by" text NOT NULL,
	"requested_by_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"format" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_import_at" timestamp with time zone,
	CONSTRAINT "sources_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "credential_versions" ADD CONSTRAINT "credential_versions_credential_id_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."credentials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credential_versions" ADD CONSTRAINT "credential_versions_changed_by_user_id_users_id_fk" FOREIGN KEY ("changed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credential_versions" ADD CONSTRAINT "credential_versions_import_run_id_import_runs_id_fk" FOREIGN KEY ("import_run_id") REFERENCES "public"."import_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credential_versions_version_idx" ON "credential_versions" USING btree ("credential_id","version");--> statement-breakpoint
CREATE INDEX "credential_versions_valid_idx" ON "credential_versions" USING btree ("valid_from","valid_to");--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_source_external_idx" ON "credentials" USING btree ("source_id","external_id");--> statement-breakpoint
CREATE INDEX "credentials_team_idx" ON "credentials" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "credentials_provider_idx" ON "credentials" USING btree ("provider");--> statement-breakpoint
CREATE INDEX "credentials_expires_idx" ON "credentials" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "credentials_fingerprint_idx" ON "credentials" USING btree ("fingerprint") WHERE fingerprint is not null;--> statement-breakpoint
CREATE INDEX "credentials_public_id_idx" ON "credentials" USING btree ("public_id") WHERE public_id is not null;--> statement-breakpoint
CREATE INDEX "import_runs_source_idx" ON "import_runs" USING btree ("source_id","started_at");