/** Offline checksums published with token formats (GitHub and npm: CRC32 of the random part, base62, 6 chars). */

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

export function crc32(text: string): number {
  let crc = -1;
  const bytes = Buffer.from(text, "utf8");
  for (const byte of bytes) crc = (crc >>> 8) ^ (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0);
  return (crc ^ -1) >>> 0;
}

export const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** The other ordering some encoders use; accepted so a well-formed token is never called malformed by alphabet. */
const BASE62_LOWER_FIRST = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

export function base62(value: number, width: number, alphabet = BASE62): string {
  let out = "";
  let n = value;
  while (n > 0) {
    out = alphabet[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out.padStart(width, "0");
}

/**
 * `prefix_` + random + 6 checksum chars (30 random for `ghp_`/`npm_`, 70 for `ghr_` refresh tokens). Some tools
 * hash only the random part, others the prefix too; either agreeing marks the token as well-formed.
 */
export function crc32Base62Valid(token: string, prefix: string): boolean {
  const body = token.slice(prefix.length);
  if (body.length < 7) return false;
  const random = body.slice(0, -6);
  const check = body.slice(-6);
  // Four readings (random part or prefix + random, either alphabet order): a chance match is ~1 in 10^10.
  return [crc32(random), crc32(prefix + random)].some((crc) =>
    [BASE62, BASE62_LOWER_FIRST].some((alphabet) => base62(crc, 6, alphabet) === check),
  );
}

/** Appends the checksum to a random part: used by fixtures and the corpus generator. */
export function withCrc32Base62(random: string): string {
  return random + base62(crc32(random), 6);
}
