/** Escapes LIKE/ILIKE wildcards so user text matches literally (`%` and `_` are not patterns). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
