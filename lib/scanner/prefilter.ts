/**
 * Keyword prefilter: an Aho-Corasick automaton over lowercase ASCII. One pass over the text reports every
 * keyword occurrence, and only the detectors owning a keyword run, only on a window around it.
 */

const ALPHABET = 128;
/**
 * A character is looked up by its low seven bits: ASCII stands for itself, and anything else may alias an ASCII
 * character, which can only add a hit (detectors check what they are handed), never hide one. This saves a table
 * read per character on the hottest loop of the scanner.
 */
const ASCII_MASK = 127;

export interface KeywordHit {
  /** Offset of the keyword's first character. */
  at: number;
  keyword: number;
}

export class KeywordAutomaton {
  readonly keywords: readonly string[];
  private readonly delta: Int32Array;
  /** For each state, the keyword ids ending there (own and via suffix links), flattened. */
  private readonly outStart: Int32Array;
  private readonly outIds: Int32Array;

  constructor(keywords: readonly string[]) {
    this.keywords = keywords;
    const goto: Array<Map<number, number>> = [new Map()];
    const own: number[][] = [[]];
    keywords.forEach((kw, id) => {
      let s = 0;
      const lower = kw.toLowerCase();
      // UTF-16 units, as `scan` reads the text and as a hit's offset counts (`kw.length`): a keyword outside the BMP
      // (`🔑`) is two units, and read by code points its hits would start a unit early and its second half go unmatched.
      for (let i = 0; i < lower.length; i++) {
        const c = lower.charCodeAt(i) & ASCII_MASK;
        let next = goto[s]?.get(c);
        if (next === undefined) {
          next = goto.length;
          goto.push(new Map());
          own.push([]);
          goto[s]?.set(c, next);
        }
        s = next;
      }
      own[s]?.push(id);
    });
    const n = goto.length;
    const delta = new Int32Array(n * ALPHABET);
    const fail = new Int32Array(n);
    const outs: number[][] = own.map((o) => [...o]);
    const queue: number[] = [];
    for (let c = 0; c < ALPHABET; c++) {
      const next = goto[0]?.get(c) ?? 0;
      delta[c] = next;
      if (next) queue.push(next);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi] ?? 0;
      outs[s]?.push(...(outs[fail[s] ?? 0] ?? []));
      for (let c = 0; c < ALPHABET; c++) {
        const next = goto[s]?.get(c);
        if (next === undefined) {
          delta[s * ALPHABET + c] = delta[(fail[s] ?? 0) * ALPHABET + c] ?? 0;
        } else {
          fail[next] = delta[(fail[s] ?? 0) * ALPHABET + c] ?? 0;
          delta[s * ALPHABET + c] = next;
          queue.push(next);
        }
      }
    }
    // Packed transitions: the next state's row offset, with bit 0 set when that state ends a keyword. Upper-case
    // letters move as their lower-case ones do, so matching is case-insensitive without folding the text.
    const packed = new Int32Array(n * ALPHABET);
    for (let i = 0; i < packed.length; i++) {
      const c = i % ALPHABET;
      const next = delta[c >= 65 && c <= 90 ? i + 32 : i] ?? 0;
      packed[i] = next * ALPHABET * 2 + ((outs[next]?.length ?? 0) > 0 ? 1 : 0);
    }
    this.delta = packed;
    this.outStart = new Int32Array(n + 1);
    const flat: number[] = [];
    outs.forEach((o, s) => {
      this.outStart[s] = flat.length;
      flat.push(...o);
    });
    this.outStart[n] = flat.length;
    this.outIds = Int32Array.from(flat);
  }

  any(text: string): boolean {
    const { delta } = this;
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      const d = delta[row + (text.charCodeAt(i) & ASCII_MASK)] ?? 0;
      if (d & 1) return true;
      row = d >> 1;
    }
    return false;
  }

  /** Calls `onHit(keywordId, startOffset)` for every occurrence, case-insensitively (ASCII). */
  scan(text: string, onHit: (keyword: number, at: number) => void): void {
    const { delta, outStart, outIds, keywords } = this;
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      const d = delta[row + (text.charCodeAt(i) & ASCII_MASK)] ?? 0;
      row = d >> 1;
      if ((d & 1) === 0) continue;
      const s = row / ALPHABET;
      const to = outStart[s + 1] ?? 0;
      for (let k = outStart[s] ?? 0; k < to; k++) {
        const id = outIds[k] ?? 0;
        onHit(id, i + 1 - (keywords[id]?.length ?? 0));
      }
    }
  }
}
