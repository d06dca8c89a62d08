import { isMetadataWord, OTHER_KEY_OWNERS } from "../secret-name";
import { looksRandom, wordy } from "../suppress";
import { lineEndWithin, lineStartWithin } from "./steps";

/**
 * What surrounds a `name = value` pair can say the value is nobody's secret, however random it looks: the word
 * before a bare `key`, the test vector it sits in, the tutorial sentence that shows it, the ARN it is part of.
 */

/**
 * Words that make a bare `key` in prose some other kind of key: those that do so in a name (`Sort key:`, `dedupe key:`),
 * and in sentences also the keys people describe but do not paste (`Public key:`, `SSH key:`, `license key`).
 */
const OTHER_KEY = new Set([...OTHER_KEY_OWNERS, ..."public publishable host ssh gpg pgp hash license".split(" ")]);

/** Does the word before a bare `key` (the keyword hit at `at`) say it is another kind of key? */
export function otherKindOfKey(text: string, at: number): boolean {
  const word = /([A-Za-z0-9]+)[ \t]*$/.exec(text.slice(Math.max(0, at - 24), at))?.[1];
  return word !== undefined && OTHER_KEY.has(word.toLowerCase());
}

/**
 * A bare word `key` in prose ("Vendor gave us a key for the sandbox: X", "Key: X") is also a cache key, a primary
 * key, an object key: only a token-shaped, machine-made value counts.
 */
function bareKeyValue(value: string): boolean {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(value) || !looksRandom(value)) return false;
  // `npm-<sha1>`, `v2-orders-<hex>`: a label joined to a digest is a cache or build key.
  if (/[-_.][0-9a-f]{16,}$/.test(value)) return false;
  // `ProductLedGrowth2024`: words with a number on the end pass the entropy test but are no key.
  if (/^[A-Za-z_-]+\d*$/.test(value) && wordy(value.replace(/\d+$/, ""))) return false;
  // `Linux-node-modules-…`: a whole word between separators; random tokens rarely spell one.
  return !/(?:^|[-_.])[A-Za-z][a-z]{3,}(?=[-_.])/.test(value);
}

/**
 * Crypto test vectors (NIST `.rsp` files, RFC test cases) give a `Key` beside its `IV`, `PT`, `CT`, `AAD`: published
 * inputs, not anyone's key.
 */
const VECTOR_FIELD = /(?:^|[\s,{"'])(?:iv|nonce|pt|ct|plaintext|ciphertext|aad|hmac-sha-?\d+)["']?[ \t]*[:=]|test[ \t]+(?:vector|case)|\b(?:NIST|CAVS|RFC[ \t]?\d{4})\b/i;
/** Where a named key (`secret_key`, `hmac_key`) beside test vectors is one: test trees and vector files. */
const TEST_TREE = /(?:^|\/)(?:tests?|__tests__|specs?|fixtures?|testdata|test-data|vectors?)\/|[._-](?:test|spec)\.[a-z]+$|_test\.[a-z]+$|\.rsp$/i;

function besideTestVector(text: string, at: number): boolean {
  return VECTOR_FIELD.test(text.slice(Math.max(0, at - 300), Math.min(text.length, at + 300)));
}

/**
 * "Example of a weak password: X", "e.g. token: X": a policy page or a tutorial shows a value, nobody's secret.
 * `example` as a host's label (`bastion.acme.example`, `https://example.com`) is an address, not the word.
 */
const ILLUSTRATION = /\b(?:(?<![./@-])(?:examples?|for instance|such as)\b(?!\.\w)|e\.g\.)/i;

function illustrative(text: string, nameStart: number): boolean {
  return ILLUSTRATION.test(text.slice(lineStartWithin(text, nameStart, 80), nameStart));
}

/** `arn:aws:secretsmanager:…:123456789012:secret:prod/api-AbC123`: the name is the ARN's resource type. */
const ARN_BEFORE = /arn:aws[\w-]*:[\w-]+:[\w-]*:\d{12}:$/;

function insideArn(text: string, nameStart: number): boolean {
  return text[nameStart - 1] === ":" && ARN_BEFORE.test(text.slice(Math.max(0, nameStart - 80), nameStart));
}

/**
 * `checksum/secret: <sha256>` (the Helm annotation that rolls pods when a Secret changes), `sha256/token`: a path-like
 * name whose segment before the secret word says the value is a digest of it.
 */
const QUALIFIER_BEFORE = /([A-Za-z0-9]+)\/$/;

function qualifiedAsMetadata(text: string, nameStart: number): boolean {
  if (text[nameStart - 1] !== "/") return false;
  const word = QUALIFIER_BEFORE.exec(text.slice(Math.max(0, nameStart - 24), nameStart))?.[1];
  return word !== undefined && isMetadataWord(word);
}

/** `key=` beside a topic, partition or offset (a Kafka consumer's log): a message's key, which picks its partition. */
const MESSAGE_RECORD = /\b(?:topic|partition|offset)[=:]/i;
const MESSAGE_REACH = 120;

function messageKey(text: string, nameStart: number): boolean {
  // A log line's fields, not the whole line: many `key=` on one long line must not each read all of it.
  return MESSAGE_RECORD.test(text.slice(lineStartWithin(text, nameStart, MESSAGE_REACH), lineEndWithin(text, nameStart, MESSAGE_REACH)));
}

/** A Zoom link's `pwd=` is the meeting's passcode, handed to every invitee with the link: no account's password. */
const ZOOM_LINK_BEFORE = /\bzoom\.us\/(?:j|w|s|my)\/[\w.-]+\?(?:[^\s?#]*&)?$/;

function zoomPasscode(text: string, nameStart: number, name: string): boolean {
  return name === "pwd" && ZOOM_LINK_BEFORE.test(text.slice(Math.max(0, nameStart - 120), nameStart));
}

/** Every pattern above, for the detector's no-catastrophic-backtracking check. */
export const SURROUNDING_PATTERNS: readonly RegExp[] = [VECTOR_FIELD, TEST_TREE, ILLUSTRATION, ARN_BEFORE, QUALIFIER_BEFORE, MESSAGE_RECORD, ZOOM_LINK_BEFORE];

export interface Where {
  /** Found by a bare-word keyword (` key:`), not by a name that says secret by itself. */
  bare: boolean;
  code: boolean;
  path: string;
}

/** True when the text around a name that sounds secret, and a value that looks random, says it is not a secret. */
export function surroundingsDeny(text: string, nameStart: number, name: string, value: string, where: Where): boolean {
  const bareKey = /^key$/i.test(name);
  if (bareKey && ((where.bare && !bareKeyValue(value)) || messageKey(text, nameStart))) return true;
  if (zoomPasscode(text, nameStart, name)) return true;
  if ((bareKey || (/[_.-]key$/i.test(name) && TEST_TREE.test(where.path))) && besideTestVector(text, nameStart)) return true;
  return (!where.code && illustrative(text, nameStart)) || insideArn(text, nameStart) || qualifiedAsMetadata(text, nameStart);
}
