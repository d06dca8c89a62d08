import { charClasses } from "../entropy";
import { wordy } from "../suppress";
import type { Detector } from "./spec";

/**
 * Razorpay API keys come as a pair: a key id (`rzp_live_` + 14 characters), which Checkout puts in every browser
 * and is no secret alone, and a 24-character key secret. The secret is reported when it sits near its id (an
 * `auth=(id, secret)` tuple, a config block), with the id as publicId. Test-mode pairs (`rzp_test_`) cannot move
 * money: reported, like Stripe test keys, at low severity.
 */
const KEY_ID = /(?<![A-Za-z0-9_])rzp_(live|test)_[A-Za-z0-9]{14}(?![A-Za-z0-9_])/g;
const KEY_SECRET = /(?<![A-Za-z0-9_.\/+-])[A-Za-z0-9]{24}(?![A-Za-z0-9_.\/+=-])/g;
/** How far from its id a secret is looked for: the same config block or call. */
const REACH = 240;

function secretNear(window: string, from: number, to: number): RegExpExecArray | undefined {
  const around = window.slice(from, to);
  KEY_SECRET.lastIndex = 0;
  for (let m = KEY_SECRET.exec(around); m; m = KEY_SECRET.exec(around)) {
    if (charClasses(m[0]) >= 3 && !wordy(m[0])) {
      m.index += from;
      return m;
    }
  }
  return undefined;
}

export const razorpayKeyDetector: Detector = {
  id: "razorpay-key-secret",
  provider: "razorpay",
  kind: "api_token",
  title: "Razorpay API key secret",
  severity: "critical",
  keywords: ["rzp_live_", "rzp_test_"],
  scope: "token",
  before: REACH,
  after: REACH + 24,
  patterns: [KEY_ID, KEY_SECRET],
  *find(window) {
    KEY_ID.lastIndex = 0;
    for (let m = KEY_ID.exec(window); m; m = KEY_ID.exec(window)) {
      const id = m[0];
      const end = m.index + id.length;
      // After the id first (`key_id` then `key_secret` is how every SDK and config orders them), then before it.
      const secret = secretNear(window, end, end + REACH) ?? secretNear(window, Math.max(0, m.index - REACH), m.index);
      if (!secret) continue;
      const live = m[1] === "live";
      yield { start: secret.index, end: secret.index + 24, secret: secret[0], confidence: "high", publicId: id, severity: live ? "critical" : "low", details: { mode: live ? "live" : "test" } };
    }
  },
};
