CREATE TABLE "activity_day_counts" (
	"day" date NOT NULL,
	"team_key" text NOT NULL,
	"actor_type" "actor_type" NOT NULL,
	"events" integer NOT NULL,
	"flagged" integer NOT NULL,
	"unapproved_destructive" integer NOT NULL,
	CONSTRAINT "activity_day_counts_day_team_key_actor_type_pk" PRIMARY KEY("day","team_key","actor_type")
);
--> statement-breakpoint
CREATE TABLE "finding_day_counts" (
	"team_key" text NOT NULL,
	"severity" text NOT NULL,
	"status" text NOT NULL,
	"detected_day" date NOT NULL,
	"due_day" date NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "finding_day_counts_team_key_severity_status_detected_day_due_day_pk" PRIMARY KEY("team_key","severity","status","detected_day","due_day")
);
--> statement-breakpoint
CREATE INDEX "activity_events_ingested_idx" ON "activity_events" USING btree ("ingested_at");--> statement-breakpoint
CREATE INDEX "activity_events_ingest_run_idx" ON "activity_events" USING btree ("ingest_run_id");--> statement-breakpoint
CREATE INDEX "findings_active_due_idx" ON "findings" USING btree ("due_at") WHERE status in ('open', 'in_progress');--> statement-breakpoint
-- Both count tables are kept exact by statement-level triggers: each statement's inserted, updated or deleted rows
-- are grouped by key once (transition tables), and the deltas are added in key order so that concurrent writers
-- lock counter rows in the same order and cannot deadlock. Counts that fall to zero stay as zero rows.
-- `keyed` selects one row's key and values from a transition table: %1$s is the sign (1 or -1), %2$I the table.
CREATE FUNCTION leash_statement_delta(keyed text, op text) RETURNS text AS $$
  SELECT CASE op
    WHEN 'INSERT' THEN format(keyed, '1', 'new_rows')
    WHEN 'DELETE' THEN format(keyed, '-1', 'old_rows')
    ELSE format(keyed, '1', 'new_rows') || ' union all ' || format(keyed, '-1', 'old_rows') END
$$ LANGUAGE sql IMMUTABLE;
--> statement-breakpoint
CREATE FUNCTION leash_count_findings() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM finding_day_counts;
    RETURN NULL;
  END IF;
  EXECUTE 'insert into finding_day_counts as c (team_key, severity, status, detected_day, due_day, n)
    select team_key, severity, status, detected_day, due_day, sum(d) from (' || leash_statement_delta(
      'select coalesce(team_id::text, '''') as team_key, severity, status, (first_detected_at at time zone ''UTC'')::date as detected_day,
        (due_at at time zone ''UTC'')::date as due_day, %1$s as d from %2$I where status in (''open'', ''in_progress'')', TG_OP) || ') delta
    group by 1, 2, 3, 4, 5 having sum(d) <> 0 order by 1, 2, 3, 4, 5
    on conflict (team_key, severity, status, detected_day, due_day) do update set n = c.n + excluded.n';
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE FUNCTION leash_count_events() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM activity_day_counts;
    RETURN NULL;
  END IF;
  EXECUTE 'insert into activity_day_counts as c (day, team_key, actor_type, events, flagged, unapproved_destructive)
    select day, team_key, actor_type, sum(d), sum(f), sum(u) from (' || leash_statement_delta(
      'select (occurred_at at time zone ''UTC'')::date as day, coalesce(team_id::text, '''') as team_key, actor_type, %1$s as d,
        case when flagged then %1$s else 0 end as f, case when unapproved_destructive then %1$s else 0 end as u from %2$I', TG_OP) || ') delta
    group by 1, 2, 3 having sum(d) <> 0 or sum(f) <> 0 or sum(u) <> 0 order by 1, 2, 3
    on conflict (day, team_key, actor_type) do update set events = c.events + excluded.events,
      flagged = c.flagged + excluded.flagged, unapproved_destructive = c.unapproved_destructive + excluded.unapproved_destructive';
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- A trigger with transition tables serves one event: insert, update and delete each get theirs; truncate clears.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES ('findings', 'leash_count_findings'), ('activity_events', 'leash_count_events')) AS v(tbl, fn) LOOP
    EXECUTE format('CREATE TRIGGER %1$s_count_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %2$I()', t.tbl, t.fn);
    EXECUTE format('CREATE TRIGGER %1$s_count_update AFTER UPDATE ON %1$I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %2$I()', t.tbl, t.fn);
    EXECUTE format('CREATE TRIGGER %1$s_count_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION %2$I()', t.tbl, t.fn);
    EXECUTE format('CREATE TRIGGER %1$s_count_truncate AFTER TRUNCATE ON %1$I FOR EACH STATEMENT EXECUTE FUNCTION %2$I()', t.tbl, t.fn);
  END LOOP;
END
$$;
--> statement-breakpoint
-- Existing workspaces start from exact counts.
INSERT INTO finding_day_counts (team_key, severity, status, detected_day, due_day, n)
  SELECT coalesce(team_id::text, ''), severity, status, (first_detected_at at time zone 'UTC')::date, (due_at at time zone 'UTC')::date, count(*)
  FROM findings WHERE status IN ('open', 'in_progress') GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO activity_day_counts (day, team_key, actor_type, events, flagged, unapproved_destructive)
  SELECT (occurred_at at time zone 'UTC')::date, coalesce(team_id::text, ''), actor_type, count(*),
    count(*) FILTER (WHERE flagged), count(*) FILTER (WHERE unapproved_destructive)
  FROM activity_events GROUP BY 1, 2, 3;
