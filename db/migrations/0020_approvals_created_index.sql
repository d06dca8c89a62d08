-- The approvals held at an instant are those recorded by it (created_at <= the instant): read at ingest, by R16 and
-- for each day a posture history is rebuilt for. The list of approvals is ordered by approved_at, which
-- approvals_window_idx already serves; this one serves the filter on created_at, which had no index.
CREATE INDEX "approvals_created_idx" ON "approvals" USING btree ("created_at");