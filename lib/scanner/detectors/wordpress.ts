import { looksRandom } from "../suppress";
import type { Detector } from "./spec";

/**
 * WordPress authentication keys and salts (`define('AUTH_KEY', '…')` in wp-config.php, `WORDPRESS_AUTH_KEY` in a
 * compose file, `AUTH_SALT='…'` in a Bedrock .env). The generator draws 64 characters from letters, digits and
 * almost every punctuation mark, spaces included, so no generic value grammar reads them whole; and `*_SALT` names
 * do not sound secret, yet knowing them lets anyone forge a logged-in cookie.
 */
const NAME = "(?<![A-Za-z0-9])(?:WORDPRESS_)?(?:SECURE_AUTH|AUTH|LOGGED_IN|NONCE)_(?:KEY|SALT)(?![A-Za-z0-9_])";
// A quoted value runs to its closing quote; an unquoted one (a reader's value, an .env line) to the end of the line.
const SALT = new RegExp(
  `${NAME}["']?[ \\t]{0,3}(?:,|=>|=|:)[ \\t]{0,3}(?:(["'])([^"'\\r\\n]{20,256})\\1|([^\\s"'][^\\r\\n"']{18,254}[^\\s"'])[ \\t]*(?=[\\r\\n]|$))`,
  "g",
);

export const wordpressSaltDetector: Detector = {
  id: "wordpress-salt",
  provider: "wordpress",
  kind: "other",
  title: "WordPress authentication key or salt",
  severity: "high",
  keywords: ["auth_key", "auth_salt", "logged_in_key", "logged_in_salt", "nonce_key", "nonce_salt"],
  scope: "token",
  sameLine: true,
  before: 24,
  after: 300,
  patterns: [SALT],
  *find(window) {
    SALT.lastIndex = 0;
    for (let m = SALT.exec(window); m; m = SALT.exec(window)) {
      const value = m[2] ?? m[3] ?? "";
      if (!looksRandom(value)) continue;
      const start = m.index + m[0].lastIndexOf(value);
      yield { start, end: start + value.length, secret: value, confidence: "high" };
    }
  },
};
