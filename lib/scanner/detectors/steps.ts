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
