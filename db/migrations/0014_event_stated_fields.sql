-- An event linked to a credential imported after it is attributed again, from what its source stated (actor_type,
-- agent_name, on_behalf_of), which the payload now keeps as "explicit". Events waiting for their credential were
-- stored without it: it is read back from the source's record, where each format kept it (NDJSON and CSV: the fields
-- of the same names; CloudTrail: the session's sourceIdentity; pgaudit states none). Linked events are never
-- attributed again and are left as they are. The key is appended to the payload's text, so the record keeps its own.
UPDATE "activity_events" e SET "payload" = (left(e."payload"::text, -1) || ',"explicit":' || stated.fields::text || '}')::json
FROM (
  SELECT "id", jsonb_strip_nulls(CASE "format"
    WHEN 'cloudtrail' THEN jsonb_build_object('onBehalfOf', nullif("payload"->'raw'->'userIdentity'->'sessionContext'->>'sourceIdentity', ''))
    WHEN 'pgaudit' THEN '{}'::jsonb
    ELSE jsonb_build_object(
      'actorType', nullif("payload"->'raw'->>'actor_type', ''),
      'agentName', nullif("payload"->'raw'->>'agent_name', ''),
      'onBehalfOf', nullif("payload"->'raw'->>'on_behalf_of', ''))
  END) AS fields
  FROM "activity_events"
  WHERE "credential_id" IS NULL AND "payload"->'explicit' IS NULL
) stated
WHERE e."id" = stated."id";
