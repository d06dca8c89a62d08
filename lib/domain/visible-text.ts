/**
 * One-line text from a log, an import or a file, shown so that what it holds is what is read. Control characters
 * (C0, DEL, C1) are how a terminal is told to recolour, retitle, clear the screen or move the cursor, so an event's
 * user agent or an imported name carrying `ESC [ 2 J` would act on the terminal of whoever lists it; bidirectional
 * overrides, embeddings, isolates and marks reorder what follows on a terminal and on a page alike
 * (`prod<U+202E>gnp.exe` reads as `prodexe.png`). Each is written as a visible escape (`\x1b`, `\u202e`) instead;
 * so are line breaks and tabs, so one value stays one cell of one line. Used by the CLI's text outputs and by the
 * pages for values Leash keeps as sent (an event's actor, agent, operation and resource).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function visibleText(value: string): string {
  return value.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
