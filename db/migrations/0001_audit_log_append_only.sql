-- The audit log is append-only: the application never updates or deletes an entry, and the database refuses it
-- too, so a bug or an injected statement cannot rewrite history. Someone with owner rights can still disable the
-- trigger; the hash chain is what catches that.
CREATE FUNCTION leash_audit_log_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION leash_audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION leash_audit_log_refuse_change();
