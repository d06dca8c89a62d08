import { type Mapped, replaceMapped } from "../source-map";

/** Terminal colour and cursor codes (CI logs, tracebacks): they split a name from its value, and are not text. */
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/**
 * The text without ANSI escape sequences, with where each removal shortened it; a search for the escape character
 * first, so clean text costs one scan and no map.
 */
export function stripAnsi(text: string): Mapped {
  return text.includes("\u001b") ? replaceMapped(text, ANSI, () => {}) : { text, points: [] };
}
