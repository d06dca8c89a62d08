/** Terminal colour and cursor codes (CI logs, tracebacks): they split a name from its value, and are not text. */
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** The text without ANSI escape sequences; a search for the escape character first, so clean text costs one scan. */
export function stripAnsi(text: string): string {
  return text.includes("\u001b") ? text.replace(ANSI, "") : text;
}
