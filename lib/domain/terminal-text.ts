/**
 * Text from the database or from a file as a terminal may be given it. Control characters (C0, DEL, C1) are how a
 * terminal is told to recolour, retitle, clear the screen or move the cursor, so an event's user agent or an
 * imported name carrying `ESC [ 2 J` would act on the terminal of whoever lists it; bidirectional overrides and
 * isolates reorder what follows (`prod‮gnp.exe` reads as `prodexe.png`). Each is written as a visible escape
 * (`\x1b`, `\u202e`) instead; so are line breaks and tabs, so one value stays one cell of one line.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function terminalText(value: string): string {
  return value.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
