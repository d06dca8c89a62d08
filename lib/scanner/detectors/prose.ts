import type { DetectorHit } from "../types";
import { assignmentIsSecret } from "./assignment";
import type { Detector } from "./spec";

/** A value in a sentence: no blanks, quotes, emphasis or brackets (they are the sentence's, not the value's). */
const WORD_VALUE = "[^\\s\"'`*<>()\\[\\]{}|,;]";

/**
 * The value comes first and the role after it: "use X as the bearer", "pass X in the Authorization header",
 * "try X as the password". No name stands before the value, so the name-first grammar never sees it.
 */
const VALUE_THEN_ROLE = new RegExp(
  `\\b(?:use|using|pass|send|try)[ \\t]{1,3}[\`"']?(${WORD_VALUE}{8,300})[\`"']?[ \\t]{1,3}(?:as|in|for)[ \\t]{1,3}(?:the[ \\t]{1,3}|an?[ \\t]{1,3}|your[ \\t]{1,3})?(bearer|authorization|auth|x-api-key|api[ _-]?key|token|password|pw)(?![\\w-])`,
  "gi",
);

/**
 * Chat marks a credential with a key emoji (`🔑 X`, Slack's `:key: X`): the emoji is the value's name. Emphasis
 * may wrap the value (`🔑 *X*`); a password may hold a `*` of its own, so the value class keeps it.
 */
const KEY_EMOJI = new RegExp(`(?:\\u{1F511}|\\u{1F510}|:key:|:closed_lock_with_key:)[ \\t]{0,3}(\\*{0,2})([^\\s"'\`<>()\\[\\]{}|,;]{8,300})`, "gu");

/** The role word as the name the value is judged under: a password's bar is a person's, a token's a generator's. */
function roleName(role: string): string {
  return /^(?:password|pw)$/i.test(role) ? "password" : "token";
}

function* valueThenRole(window: string): Generator<DetectorHit> {
  VALUE_THEN_ROLE.lastIndex = 0;
  for (let m = VALUE_THEN_ROLE.exec(window); m; m = VALUE_THEN_ROLE.exec(window)) {
    const value = m[1] ?? "";
    if (!assignmentIsSecret(roleName(m[2] ?? ""), value)) continue;
    const start = m.index + m[0].indexOf(value);
    yield { start, end: start + value.length, secret: value, confidence: "medium" };
  }
}

function* afterKeyEmoji(window: string): Generator<DetectorHit> {
  KEY_EMOJI.lastIndex = 0;
  for (let m = KEY_EMOJI.exec(window); m; m = KEY_EMOJI.exec(window)) {
    // A password may hold `*`: only the closing emphasis that matches the opening is markup.
    const stars = m[1] ?? "";
    const raw = m[2] ?? "";
    const value = stars && raw.endsWith(stars) ? raw.slice(0, -stars.length) : raw;
    if (!assignmentIsSecret("secret", value)) continue;
    const start = m.index + m[0].length - raw.length;
    yield { start, end: start + value.length, secret: value, confidence: "medium" };
  }
}

export const proseRoleDetector: Detector = {
  id: "prose-credential",
  provider: "generic",
  kind: "api_token",
  title: "Credential named by its role in a sentence",
  severity: "medium",
  // The role follows the value: its words are the keywords (` as the ` is common, but the pattern runs on its line only).
  keywords: ["bearer", "authorization", "x-api-key", " as the ", " as a ", " as an ", " as your ", "\u{1F511}", "\u{1F510}", ":key:", ":closed_lock_with_key:"],
  scope: "line",
  before: 0,
  after: 0,
  patterns: [VALUE_THEN_ROLE, KEY_EMOJI],
  *find(window) {
    yield* valueThenRole(window);
    yield* afterKeyEmoji(window);
  },
};
