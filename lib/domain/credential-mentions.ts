/** A credential a text may name by id, with the name to show for it. */
export type NamedCredential = { id: string; name: string };

export type MentionPart = { text: string } | { credential: NamedCredential };

// Flag and rule reasons name the credential they judged as "credential <uuid>" (lib/domain/activity-event-flags.ts);
// the stored text stays as written (findings carry it) and is resolved where it is read: by name for display, by name
// and id in an evidence package.
const MENTION = /(\bcredential )([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/gi;

/** The ids of the credentials a text names, for the server to look up the ones the reader may see. */
export function mentionedCredentialIds(text: string): string[] {
  return [...text.matchAll(MENTION)].map((match) => match[2]!.toLowerCase());
}

/** The text cut where it names one of `known` by id; an id Leash cannot name for this reader stays as written. */
export function credentialMentions(text: string, known: readonly NamedCredential[]): MentionPart[] {
  const byId = new Map(known.map((c) => [c.id.toLowerCase(), c]));
  const parts: MentionPart[] = [];
  let from = 0;
  for (const match of text.matchAll(MENTION)) {
    const credential = byId.get(match[2]!.toLowerCase());
    if (!credential) continue;
    const idAt = match.index + match[1]!.length;
    parts.push({ text: text.slice(from, idAt) }, { credential });
    from = idAt + match[2]!.length;
  }
  if (from < text.length || parts.length === 0) parts.push({ text: text.slice(from) });
  return parts;
}

/** The text with the credentials it names by id written by name, for where only plain text goes (a tooltip). */
export function namedText(text: string, known: readonly NamedCredential[], write: (credential: NamedCredential) => string = (c) => c.name): string {
  return credentialMentions(text, known)
    .map((part) => ("credential" in part ? write(part.credential) : part.text))
    .join("");
}

/**
 * The text with each credential it names by id written by name with the id after it, for a record that must stay
 * traceable (an evidence package: the id joins to its inventory).
 */
export function tracedText(text: string, known: readonly NamedCredential[]): string {
  return namedText(text, known, (c) => `${c.name} (${c.id})`);
}
