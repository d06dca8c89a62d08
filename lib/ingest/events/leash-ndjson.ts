import type { FormatReader, ObservedResult, ResolvedOptions } from "./types";
import { observeLeashInput } from "./leash-input";
import { splitLines } from "./line-splitter";
import { jsonOfLine } from "./row-checks";

/** Leash NDJSON: one `leashEventInputSchema` object per line; blank lines are ignored. */
export const leashNdjsonReader: FormatReader = {
  format: "leash-ndjson",
  async *read(input: AsyncIterable<Uint8Array>, options: ResolvedOptions): AsyncGenerator<ObservedResult> {
    for await (const item of splitLines(input, options.maxLineBytes)) {
      if ("error" in item) {
        yield item;
        continue;
      }
      if (item.text.trim() === "") continue;
      const parsed = jsonOfLine(item.line, item.text);
      if ("error" in parsed) {
        yield { line: item.line, error: parsed.error };
        continue;
      }
      yield observeLeashInput(item.line, parsed.value, "leash-ndjson", options, { rawJson: item.text });
    }
  },
};
