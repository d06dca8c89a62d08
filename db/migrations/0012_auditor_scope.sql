-- An auditor limited to one framework and an audit window (set by an admin); null for everyone else.
ALTER TABLE "users" ADD COLUMN "audit_scope" jsonb;