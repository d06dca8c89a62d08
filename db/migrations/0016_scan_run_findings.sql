-- What each scan did to each exposure (saw it open, opened or reopened it, resolved it), so a run's counts list the
-- exposures behind them after later scans have moved secret_findings.last_run_id on. Runs recorded before this have
-- no such rows, and say so (outcomes_recorded false) instead of listing nothing under a count.
CREATE TABLE "scan_run_findings" (
	"run_id" uuid NOT NULL,
	"finding_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	CONSTRAINT "scan_run_findings_run_id_finding_id_pk" PRIMARY KEY("run_id","finding_id")
);
--> statement-breakpoint
ALTER TABLE "scan_runs" ADD COLUMN "outcomes_recorded" boolean DEFAULT true NOT NULL;--> statement-breakpoint
UPDATE "scan_runs" SET "outcomes_recorded" = false;--> statement-breakpoint
ALTER TABLE "scan_run_findings" ADD CONSTRAINT "scan_run_findings_run_id_scan_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."scan_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scan_run_findings" ADD CONSTRAINT "scan_run_findings_finding_id_secret_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."secret_findings"("id") ON DELETE cascade ON UPDATE no action;