CREATE TABLE "corpus_versions" (
	"corpus_id" uuid NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone,
	"agent_readable" boolean NOT NULL,
	"team_id" uuid,
	CONSTRAINT "corpus_versions_corpus_id_valid_from_pk" PRIMARY KEY("corpus_id","valid_from")
);
--> statement-breakpoint
CREATE TABLE "secret_finding_states" (
	"finding_id" uuid NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone,
	"allowed" boolean NOT NULL,
	"credential_id" uuid,
	CONSTRAINT "secret_finding_states_finding_id_valid_from_pk" PRIMARY KEY("finding_id","valid_from")
);
--> statement-breakpoint
ALTER TABLE "scan_runs" ALTER COLUMN "files" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "scan_runs" ALTER COLUMN "bytes" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "corpora" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "corpus_versions" ADD CONSTRAINT "corpus_versions_corpus_id_corpora_id_fk" FOREIGN KEY ("corpus_id") REFERENCES "public"."corpora"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corpus_versions" ADD CONSTRAINT "corpus_versions_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secret_finding_states" ADD CONSTRAINT "secret_finding_states_finding_id_secret_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."secret_findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secret_finding_states" ADD CONSTRAINT "secret_finding_states_credential_id_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."credentials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "secret_finding_states_credential_idx" ON "secret_finding_states" USING btree ("credential_id");--> statement-breakpoint
CREATE INDEX "secret_findings_unmatched_fingerprint_idx" ON "secret_findings" USING btree ("fingerprint") WHERE credential_id is null;--> statement-breakpoint
CREATE INDEX "secret_findings_unmatched_public_id_idx" ON "secret_findings" USING btree ("public_id") WHERE credential_id is null;--> statement-breakpoint
-- A corpus edited before this migration is dated by when it was created (its edits were not kept).
UPDATE corpora SET updated_at = created_at;
--> statement-breakpoint
-- A corpus's versions follow its row: the first starts when it was created (and moves with created_at, which the
-- demo workspace dates back); a person's change of agent_readable or team starts the next at updated_at, which the
-- application sets to the instant it records the change (so an evaluation at that instant sees it, whatever the
-- database server's clock says). A change that does not move updated_at (a deleted team set to null) amends the
-- current version, as does a second change at the same instant.
CREATE FUNCTION leash_corpus_versions_keep() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO corpus_versions (corpus_id, valid_from, agent_readable, team_id) VALUES (NEW.id, NEW.created_at, NEW.agent_readable, NEW.team_id);
    RETURN NULL;
  END IF;
  IF NEW.created_at IS DISTINCT FROM OLD.created_at THEN
    UPDATE corpus_versions SET valid_from = NEW.created_at WHERE corpus_id = NEW.id AND valid_from = OLD.created_at;
  END IF;
  IF NEW.agent_readable IS DISTINCT FROM OLD.agent_readable OR NEW.team_id IS DISTINCT FROM OLD.team_id THEN
    UPDATE corpus_versions SET agent_readable = NEW.agent_readable, team_id = NEW.team_id
      WHERE corpus_id = NEW.id AND valid_to IS NULL AND (valid_from >= NEW.updated_at OR NEW.updated_at <= OLD.updated_at);
    IF NOT FOUND THEN
      UPDATE corpus_versions SET valid_to = NEW.updated_at WHERE corpus_id = NEW.id AND valid_to IS NULL;
      INSERT INTO corpus_versions (corpus_id, valid_from, agent_readable, team_id) VALUES (NEW.id, NEW.updated_at, NEW.agent_readable, NEW.team_id);
    END IF;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER corpora_keep_versions AFTER INSERT OR UPDATE ON "corpora"
  FOR EACH ROW EXECUTE FUNCTION leash_corpus_versions_keep();
--> statement-breakpoint
-- An exposure's open stretches follow its row, dated by the scans that decide them: the first from first_seen_at
-- (moving with it), a resolution ends the stretch at resolved_at, a scan that sees it again starts the next at
-- last_seen_at, and a scan that changes whether it is allowed or which credential it matches splits the stretch at
-- that scan. A credential registered later and linked to it (exposure-links.ts) amends the current stretch: the
-- secret was that credential's all along. A resolved exposure linked later keeps its past as it was.
CREATE FUNCTION leash_secret_finding_states_keep() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO secret_finding_states (finding_id, valid_from, valid_to, allowed, credential_id)
      VALUES (NEW.id, NEW.first_seen_at, NEW.resolved_at, NEW.allowed, NEW.credential_id);
    RETURN NULL;
  END IF;
  IF NEW.first_seen_at IS DISTINCT FROM OLD.first_seen_at THEN
    UPDATE secret_finding_states SET valid_from = NEW.first_seen_at WHERE finding_id = NEW.id AND valid_from = OLD.first_seen_at;
  END IF;
  IF OLD.resolved_at IS NULL AND NEW.resolved_at IS NOT NULL THEN
    UPDATE secret_finding_states SET valid_to = NEW.resolved_at WHERE finding_id = NEW.id AND valid_to IS NULL;
  ELSIF OLD.resolved_at IS NOT NULL AND NEW.resolved_at IS NULL THEN
    INSERT INTO secret_finding_states (finding_id, valid_from, valid_to, allowed, credential_id)
      VALUES (NEW.id, NEW.last_seen_at, NULL, NEW.allowed, NEW.credential_id);
  ELSIF NEW.resolved_at IS NULL AND (NEW.allowed IS DISTINCT FROM OLD.allowed OR NEW.credential_id IS DISTINCT FROM OLD.credential_id) THEN
    UPDATE secret_finding_states SET allowed = NEW.allowed, credential_id = NEW.credential_id
      WHERE finding_id = NEW.id AND valid_to IS NULL AND (valid_from >= NEW.last_seen_at OR NEW.last_seen_at <= OLD.last_seen_at);
    IF NOT FOUND THEN
      UPDATE secret_finding_states SET valid_to = NEW.last_seen_at WHERE finding_id = NEW.id AND valid_to IS NULL;
      INSERT INTO secret_finding_states (finding_id, valid_from, valid_to, allowed, credential_id)
        VALUES (NEW.id, NEW.last_seen_at, NULL, NEW.allowed, NEW.credential_id);
    END IF;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER secret_findings_keep_states AFTER INSERT OR UPDATE ON "secret_findings"
  FOR EACH ROW EXECUTE FUNCTION leash_secret_finding_states_keep();
--> statement-breakpoint
-- What is stored already starts its history: each corpus as it stands since it was created, each exposure open from
-- when it was first seen until it was last resolved (earlier stretches were not kept).
INSERT INTO corpus_versions (corpus_id, valid_from, agent_readable, team_id) SELECT id, created_at, agent_readable, team_id FROM corpora;
--> statement-breakpoint
INSERT INTO secret_finding_states (finding_id, valid_from, valid_to, allowed, credential_id)
  SELECT id, first_seen_at, resolved_at, allowed, credential_id FROM secret_findings;
