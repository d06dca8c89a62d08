CREATE TABLE "evaluation_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scope" text NOT NULL,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"rules_version" text NOT NULL,
	"parameters_version" integer NOT NULL,
	"parameters_hash" text NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone,
	"duration_ms" integer,
	"subjects" integer DEFAULT 0 NOT NULL,
	"evaluations" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"opened" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"failure" text,
	"tallies" jsonb,
	"blast" jsonb,
	"requested_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finding_exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"finding_id" uuid NOT NULL,
	"justification" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" text NOT NULL,
	"requested_by_user_id" uuid,
	"requested_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"decided_by" text,
	"decided_by_user_id" uuid,
	"decided_at" timestamp (3) with time zone,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule_id" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"subject_label" text NOT NULL,
	"team_id" uuid,
	"severity" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"assignee_id" uuid,
	"reason" text NOT NULL,
	"first_detected_at" timestamp (3) with time zone NOT NULL,
	"last_detected_at" timestamp (3) with time zone NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"resolved_at" timestamp (3) with time zone,
	"last_run_id" uuid NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "posture_days" (
	"day" date NOT NULL,
	"rules_version" text NOT NULL,
	"tallies" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "posture_days_day_rules_version_pk" PRIMARY KEY("day","rules_version")
);
--> statement-breakpoint
CREATE TABLE "rule_parameter_versions" (
	"version" serial PRIMARY KEY NOT NULL,
	"rules" jsonb NOT NULL,
	"slas" jsonb NOT NULL,
	"agent_runtimes" jsonb,
	"hash" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subject_verdicts" (
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"team_id" uuid,
	"verdicts" jsonb NOT NULL,
	"evaluated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "subject_verdicts_subject_kind_subject_id_pk" PRIMARY KEY("subject_kind","subject_id")
);
--> statement-breakpoint
ALTER TABLE "finding_exceptions" ADD CONSTRAINT "finding_exceptions_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_exceptions" ADD CONSTRAINT "finding_exceptions_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_exceptions" ADD CONSTRAINT "finding_exceptions_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evaluation_runs_finished_idx" ON "evaluation_runs" USING btree ("finished_at") WHERE status = 'completed';--> statement-breakpoint
CREATE INDEX "finding_exceptions_finding_idx" ON "finding_exceptions" USING btree ("finding_id");--> statement-breakpoint
CREATE INDEX "finding_exceptions_status_idx" ON "finding_exceptions" USING btree ("status","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "findings_rule_subject_idx" ON "findings" USING btree ("rule_id","subject_kind","subject_id");--> statement-breakpoint
CREATE INDEX "findings_status_idx" ON "findings" USING btree ("status","severity");--> statement-breakpoint
CREATE INDEX "findings_team_idx" ON "findings" USING btree ("team_id","status");--> statement-breakpoint
CREATE INDEX "findings_subject_idx" ON "findings" USING btree ("subject_kind","subject_id");--> statement-breakpoint
CREATE INDEX "subject_verdicts_team_idx" ON "subject_verdicts" USING btree ("team_id");