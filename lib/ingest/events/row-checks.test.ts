import { describe, expect, it } from "vitest";
import { NUL_REASON, SURROGATE_REASON } from "../../domain/storable-text";
import { unstorableJson } from "./row-checks";

describe("unstorableJson", () => {
  const cases: [string, string, string | null][] = [
    ["plain text", String.raw`{"a":"b"}`, null],
    ["other escapes", String.raw`{"a":"\u00e9\n\"\\"}`, null],
    ["a NUL escape", String.raw`{"a":"x\u0000y"}`, NUL_REASON],
    ["a NUL escape after an escaped backslash", String.raw`{"a":"x\\\u0000"}`, NUL_REASON],
    ["a backslash then u0000 (text, not an escape)", String.raw`{"a":"x\\u0000"}`, null],
    ["a NUL escape in a key", String.raw`{"\u0000":1}`, NUL_REASON],
    ["a surrogate pair", String.raw`{"a":"\ud83d\udd11"}`, null],
    ["a surrogate pair in capitals", String.raw`{"a":"\uD83D\uDD11"}`, null],
    ["a high half alone", String.raw`{"a":"\ud83dx"}`, `${SURROGATE_REASON} (\\ud83d)`],
    ["a high half before another high half", String.raw`{"a":"\ud83d\ud83d"}`, `${SURROGATE_REASON} (\\ud83d)`],
    ["a low half alone", String.raw`{"a":"\udd11"}`, `${SURROGATE_REASON} (\\udd11)`],
    ["a high half at the end", String.raw`"\ud800`, `${SURROGATE_REASON} (\\ud800)`],
    ["64 levels", "[".repeat(64) + "]".repeat(64), null],
    ["65 levels", `{"a":${"[".repeat(64)}${"]".repeat(64)}}`, "nests arrays or objects deeper than 64 levels"],
    ["brackets inside strings", `{"a":"${"[".repeat(100)}\\"${"{".repeat(100)}"}`, null],
    ["65 levels after a string ending in a backslash", String.raw`{"a":"x\\","b":` + "[".repeat(65) + "]".repeat(65) + "}", "nests arrays or objects deeper than 64 levels"],
    ["a million levels", "[".repeat(1_000_000), "nests arrays or objects deeper than 64 levels"],
  ];
  for (const [name, json, expected] of cases) {
    it(name, () => expect(unstorableJson(json)).toBe(expected));
  }
});
