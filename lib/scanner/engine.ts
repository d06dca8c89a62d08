import { DETECTORS, type Detector } from "./detectors";
import { specPrefix } from "./detectors/spec";
import { findAtReads } from "./detectors/steps";
import { shannonEntropy } from "./entropy";
import { fingerprintSecret } from "./fingerprint";
import { KeywordAutomaton } from "./prefilter";
import { redactPreview, visiblePrefix } from "./redact";
import { locate } from "./source-map";
import { decoyReason, isEncryptedContainer } from "./suppress";
import type { DetectorHit, Finding, ScanStats, Segment, Severity } from "./types";

/** How far a `line`-scoped detector looks either side of its keyword on very long (minified) lines. */
const LINE_REACH = 600;
const TEST_PATH = /(?:^|[\\/])(?:tests?|__tests__|specs?|fixtures?|testdata|test-data|__mocks__|mocks?|examples?)[\\/]|\.(?:test|spec)\.[a-z]+$|_test\.[a-z]+$/i;
const LOWER: Record<Severity, Severity> = { critical: "high", high: "medium", medium: "low", low: "low" };

export interface SegmentScanOptions {
  path: string;
  fingerprintKey: string | Uint8Array;
  stats?: ScanStats;
}

interface Candidate {
  detector: Detector;
  hit: DetectorHit;
  start: number;
  end: number;
}

/** Three or more words: prose, whatever the key it is filed under. */
const SENTENCE = /\S[ \t]+\S+[ \t]+\S/;
/** One word (no blank, no quote) with a character that ends an unquoted value: `(`, `,`, `;`, `<`, `{`, `[`. */
const WHOLE_VALUE_NEEDS_QUOTES = /^[^\s"'`]*[(){}[\],;<>][^\s"'`]*$/;

/** The detection core: prefilter, windowed detectors, decoy suppression, overlap resolution, redaction. */
export class ScanEngine {
  private readonly automaton: KeywordAutomaton;
  private readonly owners: number[][];

  constructor(readonly detectors: readonly Detector[] = DETECTORS) {
    const keywords: string[] = [];
    const index = new Map<string, number>();
    this.owners = [];
    detectors.forEach((d, di) => {
      for (const kw of d.keywords) {
        let id = index.get(kw);
        if (id === undefined) {
          id = keywords.length;
          index.set(kw, id);
          keywords.push(kw);
          this.owners.push([]);
        }
        const owners = this.owners[id];
        if (owners && !owners.includes(di)) owners.push(di);
      }
    });
    this.automaton = new KeywordAutomaton(keywords);
  }

  scanSegment(segment: Segment, options: SegmentScanOptions): Finding[] {
    // A structured value is judged under its key's name (`password` → `password=<value>`), unless it is a sentence
    // (a locale file's `"pass": "aria-label-attributet finns och är inte tomt"`): the name names no word of it.
    // A value holding a bracket or separator (a Django key's `(`, a salt's `;`) is quoted, so it is read whole.
    const quote = segment.key && WHOLE_VALUE_NEEDS_QUOTES.test(segment.text) ? '"' : "";
    const prefix = segment.key && !SENTENCE.test(segment.text) ? `${segment.key}=${quote}` : "";
    const text = prefix + segment.text + (prefix ? quote : "");
    const positions = this.prefilter(text);
    const candidates: Candidate[] = [];
    positions.forEach((hits, di) => {
      const detector = this.detectors[di];
      if (detector && hits.length) this.runDetector(detector, text, hits, candidates, options.stats, options.path);
    });
    // Overlaps first: when the specific detector's match is a decoy, a generic one must not claim the same text.
    const kept = resolveOverlaps(candidates.filter((c) => c.start >= prefix.length)).filter(
      (c) => !isDecoy(c, text, segment),
    );
    return kept.map((c) => this.toFinding(c, text, prefix.length, segment, options));
  }

  /** True when any keyword occurs: a file with none cannot hold a finding, whatever its format. */
  anyKeyword(text: string): boolean {
    return this.automaton.any(text);
  }

  /** Keyword hits grouped by detector index, in detector priority order. */
  private prefilter(text: string): Map<number, number[]> {
    const touched: number[] = [];
    const lists: Array<number[] | undefined> = [];
    const owners = this.owners;
    this.automaton.scan(text, (kw, at) => {
      const own = owners[kw];
      if (!own) return;
      for (let i = 0; i < own.length; i++) {
        const di = own[i] ?? 0;
        let list = lists[di];
        if (!list) {
          list = lists[di] = [];
          touched.push(di);
        }
        list.push(at);
      }
    });
    touched.sort((a, b) => a - b);
    // The automaton reports by keyword end; keywords of different lengths can put starts out of order.
    return new Map(touched.map((di) => [di, sortIfNeeded(lists[di] ?? [])]));
  }

  private runDetector(detector: Detector, text: string, hits: number[], out: Candidate[], stats: ScanStats | undefined, path: string): void {
    if (detector.findAt) {
      const before = findAtReads.chars;
      for (const hit of detector.findAt(text, hits, path)) out.push({ detector, hit, start: hit.start, end: hit.end });
      if (stats) {
        // A bounded peek around each hit (a name, a sign, a value of at most a few hundred characters), plus the
        // reads that depend on the text (how far back a line starts), which the detector reports as it makes them.
        stats.regexExecs += hits.length;
        stats.charsExamined += hits.length * 64 + (findAtReads.chars - before);
      }
      return;
    }
    for (const [from, to] of windows(detector, text, hits)) {
      const window = text.slice(from, to);
      if (stats) {
        stats.regexExecs++;
        stats.charsExamined += window.length;
      }
      for (const hit of detector.find(window, { segment: { text, line: 1, column: 1 }, path: "" })) {
        out.push({ detector, hit, start: from + hit.start, end: from + hit.end });
      }
    }
  }

  private toFinding(c: Candidate, text: string, shift: number, segment: Segment, options: SegmentScanOptions): Finding {
    const { detector, hit } = c;
    const at = c.start - shift;
    const { line, column } = locate(segment, at);
    const inTestPath = TEST_PATH.test(options.path);
    const severity = hit.severity ?? detector.severity;
    const kind = hit.kind ?? detector.kind;
    // A password's leading word is part of it (`orbit-lantern-…`): only a format's public prefix is ever shown.
    const prefix = detector.spec ? specPrefix(detector.spec) : PASSWORD_KINDS.has(kind) ? "" : visiblePrefix(hit.secret);
    const finding: Finding = {
      file: options.path,
      line,
      column,
      detector: hit.detector ?? detector.id,
      kind,
      provider: hit.provider ?? detector.provider,
      title: detector.title,
      confidence: hit.confidence,
      severity: inTestPath ? LOWER[severity] : severity,
      entropy: shannonEntropy(hit.secret),
      preview: hit.preview ?? redactPreview(hit.secret, prefix),
      fingerprint: fingerprintSecret(hit.secret, options.fingerprintKey),
    };
    if (hit.publicId) finding.publicId = hit.publicId;
    if (hit.details && Object.keys(hit.details).length) finding.details = { ...hit.details };
    if (segment.context) finding.context = { ...segment.context };
    if (inTestPath) finding.inTestPath = true;
    if (/leash:allow/.test(lineAround(text, c.start, c.end))) {
      finding.allowed = true;
      finding.allowReason = "inline leash:allow";
    }
    return finding;
  }
}

function sortIfNeeded(list: number[]): number[] {
  for (let i = 1; i < list.length; i++) if ((list[i] ?? 0) < (list[i - 1] ?? 0)) return list.sort((a, b) => a - b);
  return list;
}

/** Windows around keyword hits, merged so that no character is handed to one detector twice. */
function windows(detector: Detector, text: string, hits: number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  // The bounds of the hit's line, found once per line (hits come sorted): many hits on one long line must not each
  // search to its ends, which would make the work quadratic.
  let lineStart = 0;
  let lineEnd = -1;
  for (const at of hits) {
    if (at > lineEnd) {
      lineStart = text.lastIndexOf("\n", at) + 1;
      const nl = text.indexOf("\n", at);
      lineEnd = nl === -1 ? text.length : nl;
    }
    let from: number, to: number;
    if (detector.scope === "line") {
      from = Math.max(lineStart, at - LINE_REACH);
      to = Math.min(lineEnd, at + LINE_REACH);
    } else {
      from = Math.max(0, at - detector.before);
      to = Math.min(text.length, at + detector.after);
      if (detector.sameLine && lineEnd < to) to = lineEnd;
    }
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

function lineAround(text: string, start: number, end: number): string {
  const from = text.lastIndexOf("\n", start) + 1;
  const nl = text.indexOf("\n", end);
  return text.slice(Math.max(from, start - 400), Math.min(nl === -1 ? text.length : nl, end + 400));
}

function isDecoy(c: Candidate, text: string, segment: Segment): boolean {
  const { secret } = c.hit;
  const prefix = c.detector.spec ? specPrefix(c.detector.spec) : visiblePrefix(secret);
  if (decoyReason(secret, secret.slice(prefix.length))) return true;
  // A digest's text that starts like a token by chance (a wheel's RECORD: `…,sha256=glc_…`, SRI `sha384-…`).
  if (DIGEST_LABEL.test(text.slice(Math.max(0, c.start - 7), c.start))) return true;
  if (c.detector.spec && insideBase64Data(text, c.start, c.end, secret)) return true;
  const around = lineAround(text, c.start, c.end);
  return isEncryptedContainer(around, `${segment.context?.keyPath ?? ""} ${around}`);
}

/**
 * A token-shaped run inside a longer base64 string (a docs site's search index, an embedded font or image): the
 * string goes on past the token with `+`, which the token's own alphabet lacks, or ends in `=` padding. A URL's path
 * has `/` around a token, but neither of those.
 */
function insideBase64Data(text: string, start: number, end: number, secret: string): boolean {
  if (/[+/=]/.test(secret)) return false;
  let left = start;
  while (left > 0 && start - left < 200 && BASE64_CHAR.test(text[left - 1] ?? "")) left--;
  let right = end;
  while (right < text.length && right - end < 200 && BASE64_CHAR.test(text[right] ?? "")) right++;
  const around = text.slice(left, start) + text.slice(end, right);
  return text[right] === "=" || (around.length >= 16 && around.includes("+"));
}

const BASE64_CHAR = /[A-Za-z0-9+/]/;

const DIGEST_LABEL = /sha(?:1|224|256|384|512)[=:-]$/i;

const PASSWORD_KINDS: ReadonlySet<string> = new Set(["password", "db_password"]);

function overlaps(a: Candidate, b: Candidate): boolean {
  return a.start < b.end && b.start < a.end;
}

function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  for (const c of candidates) {
    const clash = kept.findIndex((k) => overlaps(k, c));
    if (clash === -1) kept.push(c);
    // The same secret with its public half (an AWS key pair, a URL's user@host) says more, unless a provider's own
    // format found it: a GitHub token in `https://oauth2:…@github.com` stays a GitHub token.
    else if (c.hit.publicId && !kept[clash]?.hit.publicId && !kept[clash]?.detector.spec && kept[clash]?.hit.secret === c.hit.secret) kept[clash] = c;
  }
  return kept.sort((a, b) => a.start - b.start);
}
