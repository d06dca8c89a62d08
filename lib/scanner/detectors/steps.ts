/**
 * Characters that hit-anchored detectors (`findAt`) read around their hits beyond a few characters' peek. They are
 * handed the whole text, so the engine cannot measure a window: it adds what they report here to the step budget
 * (ScanStats), where the adversarial-input test sees a read that grows with the line instead of staying bounded.
 */
export const findAtReads = { chars: 0 };

/** Where the line holding `at` starts, looking back at most `max` characters (then `at - max`): bounded, and counted. */
export function lineStartWithin(text: string, at: number, max: number): number {
  const floor = Math.max(0, at - max);
  let i = at;
  while (i > floor && text.charCodeAt(i - 1) !== 10) i--;
  findAtReads.chars += at - i;
  return i;
}

/** Where the line holding `at` ends, looking ahead at most `max` characters (then `at + max`): bounded, and counted. */
export function lineEndWithin(text: string, at: number, max: number): number {
  const ceiling = Math.min(text.length, at + max);
  let i = at;
  while (i < ceiling && text.charCodeAt(i) !== 10) i++;
  findAtReads.chars += i - at;
  return i;
}

/**
 * `re` (sticky or global) run from `at`, counting the characters its lastIndex advanced over. A global pattern that
 * fails has searched to the end of the text, and is counted so; a sticky one that fails read at most its bounded
 * reach (no pattern here has an unbounded quantifier), which the engine's per-hit allowance covers.
 */
export function execAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  const m = re.exec(text);
  findAtReads.chars += m ? re.lastIndex - at : re.global ? text.length - at : 0;
  return m;
}
