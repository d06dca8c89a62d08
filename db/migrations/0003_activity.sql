CREATE TYPE "public"."actor_type" AS ENUM('human', 'agent', 'service', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."approval_channel" AS ENUM('slack', 'pagerduty', 'ticket', 'other');--> statement-breakpoint
CREATE TYPE "public"."environment" AS ENUM('production', 'staging', 'development');--> statement-breakpoint
CREATE TYPE "public"."event_format" AS ENUM('leash-ndjson', 'cloudtrail', 'pgaudit', 'csv');--> statement-breakpoint
CREATE TYPE "public"."operation" AS ENUM('read', 'write', 'delete', 'drop', 'truncate', 'admin', 'deploy', 'other');--> statement-breakpoint
CREATE TYPE "public"."outcome" AS ENUM('success', 'failure', 'denied');--> statement-breakpoint
CREATE TABLE "activity_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ingest_key" text NOT NULL,
	"ingest_run_id" uuid,
	"format" "event_format" NOT NULL,
	"source_event_id" text,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"credential_id" uuid,
	"team_id" uuid,
	"credential_key_id" text,
	"credential_fingerprint" text,
	"credential_external_id" text,
	"actor" text,
	"actor_type" "actor_type" NOT NULL,
	"attribution_reason" text NOT NULL,
	"on_behalf_of" text,
	"agent_name" text,
	"operation" "operation" NOT NULL,
	"raw_operation" text NOT NULL,
	"destructive" boolean NOT NULL,
	"destructive_reason" text NOT NULL,
	"resource" text,
	"resource_environment" "environment",
	"environment_reason" text NOT NULL,
	"outcome" "outcome" NOT NULL,
	"origin" jsonb NOT NULL,
	"approval_ref" text,
	"cross_env" boolean DEFAULT false NOT NULL,
	"after_expiry" boolean DEFAULT false NOT NULL,
	"unapproved_destructive" boolean DEFAULT false NOT NULL,
	"flagged" boolean DEFAULT false NOT NULL,
	"flag_reasons" jsonb NOT NULL,
	"payload" jsonb NOT NULL,
	CONSTRAINT "activity_events_ingest_key_unique" UNIQUE("ingest_key")
);
--> statement-breakpoint
CREATE TABLE "approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"approver" text NOT NULL,
	"requester" text NOT NULL,
	"operation" text NOT NULL,
	"resource" text NOT NULL,
	"environment" text NOT NULL,
	"approved_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"reference" text NOT NULL,
	"channel" "approval_channel" NOT NULL,
	"ingest_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "approvals_ingest_key_unique" UNIQUE("ingest_key")
);
--> statement-breakpoint
CREATE TABLE "ingest_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"format" "event_format" NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text,
	"file_bytes" integer,
	"status" text DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"accepted" integer DEFAULT 0 NOT NULL,
	"duplicate" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"failure" text,
	"requested_by" text NOT NULL,
	"requested_by_user_id" uuid
);
--> statement-breakpoint
ALTER TABLE "activity_events" ADD CONSTRAINT "activity_events_credential_id_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."credentials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_events" ADD CONSTRAINT "activity_events_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ingest_runs" ADD CONSTRAINT "ingest_runs_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_events_occurred_idx" ON "activity_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "activity_events_credential_idx" ON "activity_events" USING btree ("credential_id","occurred_at");--> statement-breakpoint
CREATE INDEX "activity_events_team_idx" ON "activity_events" USING btree ("team_id","occurred_at");--> statement-breakpoint
CREATE INDEX "activity_events_flagged_idx" ON "activity_events" USING btree ("occurred_at") WHERE flagged;--> statement-breakpoint
CREATE INDEX "activity_events_unlinked_idx" ON "activity_events" USING btree ("credential_key_id","credential_fingerprint","credential_external_id") WHERE credential_id is null;--> statement-breakpoint
CREATE INDEX "approvals_window_idx" ON "approvals" USING btree ("approved_at","expires_at");