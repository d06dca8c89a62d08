-- A token's fingerprint (HMAC under the instance key), so the credential Leash keeps for each of its API tokens can be
-- matched by a scan that finds the token. Tokens made before stay without one: their values were never kept.
ALTER TABLE "api_tokens" ADD COLUMN "fingerprint" text;