-- Each time Leash reopened a resolved finding, with the due date the reopening replaced: a package as of an earlier
-- instant reads the status and due date in force then (the findings row keeps only the latest).
CREATE TABLE "finding_reopenings" (
	"finding_id" uuid NOT NULL,
	"reopened_at" timestamp (3) with time zone NOT NULL,
	"previous_due_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "finding_reopenings_finding_id_reopened_at_pk" PRIMARY KEY("finding_id","reopened_at")
);
--> statement-breakpoint
ALTER TABLE "finding_reopenings" ADD CONSTRAINT "finding_reopenings_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE cascade ON UPDATE no action;