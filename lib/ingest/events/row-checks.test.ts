import { describe, expect, it } from "vitest";
import { unstorableJson } from "./row-checks";

describe("unstorableJson", () => {
  const NUL = "contains a NUL character (\\u0000), which cannot be stored";
  const cases: [string, string, string | null][] = [
    ["plain text", String.raw`{"a":"b"}`, null],
    ["other escapes", String.raw`{"a":"\u00e9\n\"\\"}`, null],
    ["a NUL escape", String.raw`{"a":"x\u0000y"}`, NUL],
    ["a NUL escape after an escaped backslash", String.raw`{"a":"x\\\u0000"}`, NUL],
    ["a backslash then u0000 (text, not an escape)", String.raw`{"a":"x\\u0000"}`, null],
    ["a NUL escape in a key", String.raw`{"\u0000":1}`, NUL],
    ["a surrogate pair", String.raw`{"a":"\ud83d\udd11"}`, null],
    ["a surrogate pair in capitals", String.raw`{"a":"\uD83D\uDD11"}`, null],
    ["a high half alone", String.raw`{"a":"\ud83dx"}`, "contains an unpaired surrogate escape (\\ud83d), which cannot be stored"],
    ["a high half before another high half", String.raw`{"a":"\ud83d\ud83d"}`, "contains an unpaired surrogate escape (\\ud83d), which cannot be stored"],
    ["a low half alone", String.raw`{"a":"\udd11"}`, "contains an unpaired surrogate escape (\\udd11), which cannot be stored"],
    ["a high half at the end", String.raw`"\ud800`, "contains an unpaired surrogate escape (\\ud800), which cannot be stored"],
  ];
  for (const [name, json, expected] of cases) {
    it(name, () => expect(unstorableJson(json)).toBe(expected));
  }
});
