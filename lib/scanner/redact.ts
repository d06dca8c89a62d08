/**
 * Redacted preview: the known public prefix, an ellipsis and the last four characters (`ghp_…9fQ2`).
 * Short secrets keep only the prefix so that a preview never reveals a guessable share of the value.
 */
export function redactPreview(secret: string, prefix = ""): string {
  const keep = prefix && secret.startsWith(prefix) ? prefix : "";
  const rest = secret.length - keep.length;
  const tail = rest >= 16 ? secret.slice(-4) : rest >= 10 ? secret.slice(-2) : "";
  return `${keep}…${tail}`;
}

/** The longest leading run of non-random structure (`sk-proj-`, `xoxb-`), capped, for previews. */
export function visiblePrefix(secret: string): string {
  const m = /^[A-Za-z]{2,12}[_-](?:[a-z]{2,10}[_-])?/.exec(secret);
  if (m && m[0].length <= 16 && m[0].length < secret.length / 2) return m[0];
  const aws = /^(?:AKIA|ASIA|ABIA|ACCA)/.exec(secret);
  return aws ? aws[0] : "";
}
