/**
 * A generated workspace for benchmarks, written with SQL (generate_series) so set-up costs seconds, not the thing
 * measured: N credentials with one version each, M events spread over them, K secret findings in 20 corpora.
 */
import { sql } from "drizzle-orm";
import { db } from "../lib/server/db";

export type WorkspaceSize = { credentials: number; events: number; findings: number };

export async function generateWorkspace(size: WorkspaceSize): Promise<void> {
  const { credentials: CREDENTIALS, events: EVENTS, findings: FINDINGS } = size;
  const d = db();
  await d.execute(sql`insert into teams (name, slug) select 'Team ' || g, 'team-' || g from generate_series(1, 5) g`);
  await d.execute(sql`insert into sources (name, format) values ('bench', 'leash-json')`);
  await d.execute(sql`
    insert into credentials (source_id, external_id, team_id, name, provider, kind, principal, principal_type, team, environments,
      agent_accessible, allowed_operations, created_at, expires_at, last_rotated_at, last_used_at, status, storage, provenance)
    select (select id from sources limit 1), 'bench-' || g, (select id from teams order by slug offset (g % 5) limit 1), 'bench credential ' || g,
      (array['aws','github','railway','openai','stripe'])[1 + g % 5], 'api_token', 'svc-' || (g % 300),
      (array['human','service','agent'])[1 + g % 3]::principal_type, 'Team ' || (1 + g % 5),
      case g % 4 when 0 then array['production'] when 1 then array['staging'] when 2 then array['*'] else array[]::text[] end,
      g % 3 = 0, case when g % 2 = 0 then null else array['read'] end,
      now() - (g % 400) * interval '1 day', case when g % 5 = 0 then null else now() + (g % 200) * interval '1 day' end,
      now() - (g % 500) * interval '1 day', now() - (g % 120) * interval '1 day', 'active', (array['vault','plaintext','env_file','ci_secret'])[1 + g % 4]::storage_kind,
      '{"name":"source","provider":"source","kind":"source","principal":"source","principal_type":"source","team":"source","environments":"source","agent_accessible":"source","allowed_operations":"source","created_at":"source","expires_at":"source","last_rotated_at":"source","last_used_at":"source","status":"source","storage":"source"}'::jsonb
    from generate_series(1, ${CREDENTIALS}::int) g`);
  await d.execute(sql`
    insert into credential_versions (credential_id, version, valid_from, data, changed_fields, change_kind, changed_by)
    select id, 1, now() - interval '2 hours', jsonb_build_object('external_id', external_id, 'name', name, 'provider', provider, 'kind', kind,
      'principal', principal, 'principal_type', principal_type, 'team', team, 'environments', to_jsonb(environments), 'agent_accessible', agent_accessible,
      'allowed_operations', to_jsonb(allowed_operations), 'created_at', created_at, 'expires_at', expires_at, 'last_rotated_at', last_rotated_at,
      'last_used_at', last_used_at, 'status', status, 'storage', storage, 'provenance', provenance), array['name'], 'import', 'bench'
    from credentials`);
  await d.execute(sql`create table bench_creds as select row_number() over (order by id) as n, id, team_id from credentials`);
  await d.execute(sql`create index on bench_creds (n)`);
  await insertEvents(1, EVENTS, CREDENTIALS);
  await d.execute(sql`insert into corpora (name, kind, agent_readable) select 'corpus ' || g, 'docs_export', g % 2 = 0 from generate_series(1, 20) g`);
  await d.execute(sql`
    insert into scan_runs (corpus_id, status, origin, scanner_version, started_at, finished_at, requested_by)
    select id, 'completed', 'cli', 'bench', now() - interval '3 hours', now() - interval '3 hours', 'bench' from corpora`);
  await d.execute(sql`
    insert into secret_findings (corpus_id, fingerprint, detector, kind, provider, title, confidence, severity, entropy_milli, preview,
      credential_id, first_seen_at, last_seen_at, last_run_id)
    select r.corpus_id, 'fp-' || g, 'bench', 'api_token', 'aws', 'bench', 'high', 'high', 4000, 'AKIA…0000',
      case when g % 2 = 0 then (select id from bench_creds where n = 1 + (g * 7) % ${CREDENTIALS}) end, now() - interval '3 hours', now() - interval '3 hours', r.id
    from generate_series(1, ${FINDINGS}::int) g join lateral (select id, corpus_id from scan_runs offset (g % 20) limit 1) r on true`);
  await d.execute(sql`analyze`);
}

/** Events `from`..`to` (ingest keys bench-<n>), each on one of the generated credentials. */
export async function insertEvents(from: number, to: number, CREDENTIALS: number): Promise<void> {
  await db().execute(sql`
    insert into activity_events (ingest_key, format, occurred_at, ingested_at, credential_id, team_id, credential_key_id, actor, actor_type,
      attribution_reason, operation, raw_operation, destructive, destructive_reason, resource, resource_environment, environment_reason,
      outcome, origin, cross_env, after_expiry, unapproved_destructive, flagged, flag_reasons, payload)
    select 'bench-' || g, 'leash-ndjson', now() - interval '90 minutes' + (g % 3600) * interval '1 second', now() - interval '80 minutes' + (g % 3600) * interval '1 second',
      c.id, c.team_id, 'KEY' || c.n, 'svc-' || (g % 300), (array['human','agent','service','unknown'])[1 + g % 4]::actor_type, 'bench',
      (array['read','write','delete'])[1 + g % 3]::operation, (array['GetObject','PutObject','DeleteObject'])[1 + g % 3], g % 3 = 2, 'bench',
      'arn:aws:s3:::bucket-' || (g % 40), (array['production','staging','development'])[1 + g % 3]::environment, 'bench', 'success',
      '{}'::jsonb, false, false, false, false, '{"crossEnv":"","afterExpiry":"","unapprovedDestructive":""}'::jsonb, '{}'::jsonb
    from generate_series(${from}::int, ${to}::int) g join bench_creds c on c.n = 1 + g % ${CREDENTIALS}`);
}

