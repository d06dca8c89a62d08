import type { FormatReader, ObservedResult, ResolvedOptions } from "./types";
import { observeCloudTrailRecord } from "./cloudtrail-record";
import { looksLikeRecordsFile, splitRecordsArray } from "./cloudtrail-stream";
import { splitLines } from "./line-splitter";
import { decodeUtf8, peekBytes } from "./peek";

/**
 * AWS CloudTrail: either log files as CloudTrail writes them (`{"Records":[…]}`, often one multi-hundred-MB
 * line, streamed record by record) or one record per line (as exported by Athena, Lake or Firehose).
 */
export const cloudTrailReader: FormatReader = {
  format: "cloudtrail",
  async *read(input: AsyncIterable<Uint8Array>, options: ResolvedOptions): AsyncGenerator<ObservedResult> {
    const { head, stream } = await peekBytes(input, 256);
    if (looksLikeRecordsFile(new TextDecoder().decode(head))) {
      for await (const slice of splitRecordsArray(decodeUtf8(stream), options.maxLineBytes)) {
        if ("error" in slice) {
          yield { line: slice.line, error: slice.error };
          continue;
        }
        yield fromText(slice.line, slice.text, options, `Records[${slice.index}].`);
      }
      return;
    }
    for await (const item of splitLines(stream, options.maxLineBytes)) {
      if ("error" in item) {
        yield item;
      } else if (item.text.trim() !== "") {
        yield* fromLine(item.line, item.text, options);
      }
    }
  },
};

function fromText(line: number, text: string, options: ResolvedOptions, prefix: string): ObservedResult {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    return { line, error: { line, field: prefix.replace(/\.$/, ""), reason: "record is not valid JSON" } };
  }
  return withOwnText(line, observeCloudTrailRecord(line, record, options, prefix), text);
}

/** A line may itself be a small `{"Records":[…]}` file; its records are expanded in place. */
function* fromLine(line: number, text: string, options: ResolvedOptions): Generator<ObservedResult> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    yield { line, error: { line, reason: "not valid JSON (truncated line?)" } };
    return;
  }
  const records = typeof value === "object" && value !== null && "Records" in value ? (value as { Records: unknown }).Records : undefined;
  if (Array.isArray(records)) {
    for (const [i, record] of records.entries()) {
      const result = observeCloudTrailRecord(line, record, options, `Records[${i}].`);
      yield "error" in result ? { line, error: result.error } : { line, observed: result.observed };
    }
    return;
  }
  yield withOwnText(line, observeCloudTrailRecord(line, value, options), text);
}

/** A record read from text of its own keeps that text as its raw JSON (stored as it is, not serialised again). */
function withOwnText(line: number, result: ReturnType<typeof observeCloudTrailRecord>, text: string): ObservedResult {
  if ("error" in result) return { line, error: result.error };
  result.observed.rawJson = text;
  return { line, observed: result.observed };
}
