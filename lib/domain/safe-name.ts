import type { z } from "zod";

/**
 * What a name may not hold: control characters (C0, DEL, C1), and the bidirectional overrides, embeddings and
 * isolates that make the text after them display reordered on every page, report and terminal that shows the name
 * (`prod-deploy<U+202E>gnp.exe` reads as `prod-deployexe.png`). Right-to-left text itself needs none of them.
 */
const UNSAFE_NAME_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** `schema`, refusing those characters: every name a person gives (credentials, teams, users, tokens, corpora, approvals). */
export function safeName<T extends z.ZodType<string>>(schema: T) {
  return schema.refine((s) => !UNSAFE_NAME_CHARACTERS.test(s), "must not contain control characters or bidirectional overrides");
}
