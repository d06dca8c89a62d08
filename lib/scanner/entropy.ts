/** Per-character counts of the ASCII range, reused by every call and left zeroed after each. */
const asciiCounts = new Int32Array(128);

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  const length = value.length;
  if (length === 0) return 0;
  // A typed array for ASCII (nearly every token) instead of a Map: this runs for every candidate value.
  let wide: Map<number, number> | undefined;
  for (let i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    if (c < 128) asciiCounts[c]!++;
    else {
      wide ??= new Map();
      wide.set(c, (wide.get(c) ?? 0) + 1);
    }
  }
  let bits = 0;
  // Summed in order of first appearance (a count is zeroed once added): the same order, so the same rounding, as
  // counting in a Map gave for an ASCII value.
  for (let i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128) continue;
    const n = asciiCounts[c]!;
    if (n === 0) continue;
    bits -= (n / length) * Math.log2(n / length);
    asciiCounts[c] = 0;
  }
  if (wide) for (const n of wide.values()) bits -= (n / length) * Math.log2(n / length);
  return Math.round(bits * 1000) / 1000;
}

/** How many of lower, upper, digit, symbol appear: random tokens mix classes, words rarely do. */
export function charClasses(value: string): number {
  let lower = 0, upper = 0, digit = 0, other = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = 1;
    else if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 48 && c <= 57) digit = 1;
    else other = 1;
  }
  return lower + upper + digit + other;
}

/** Longest run of one repeated character. */
export function longestRun(value: string): number {
  let best = 0, run = 0;
  for (let i = 0; i < value.length; i++) {
    run = i > 0 && value[i] === value[i - 1] ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}
