-- A package of a past instant reads the status people had set by then on the findings changed since, from the audit
-- log: these let it read only those findings' entries (single updates by target, bulk ones by their ids) instead of
-- every status change ever made.
CREATE INDEX "audit_log_finding_update_idx" ON "audit_log" USING btree ("target_id") WHERE action = 'finding.update';--> statement-breakpoint
CREATE INDEX "audit_log_finding_bulk_update_idx" ON "audit_log" USING gin ((details -> 'ids')) WHERE action = 'finding.bulk_update';