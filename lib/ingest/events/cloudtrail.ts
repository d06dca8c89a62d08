import type { FormatReader, ObservedResult, ResolvedOptions } from "./types";
import { observeCloudTrailRecord } from "./cloudtrail-record";
import { DIGEST_FILE_REASON, RecordsScanner, looksLikeRecordsFile, splitRecordsArray, type RecordSlice } from "./cloudtrail-stream";
import { splitLines } from "./line-splitter";
import { decodeUtf8, peekBytes } from "../peek";

/**
 * AWS CloudTrail, as the tools that export it write it:
 * - log files as CloudTrail delivers them (`{"Records":[…]}`, often one multi-hundred-MB line, streamed record by
 *   record; several concatenated files are read in turn), or a bare array of records (`jq .Records`);
 * - `aws cloudtrail lookup-events` output (`{"Events":[{…, "CloudTrailEvent": "<record as a JSON string>"}]}`);
 * - one record per line (Athena, Lake or Firehose exports), one EventBridge event per line (`detail-type` "… via
 *   CloudTrail", the record in `detail`), CloudWatch Logs exports (`<timestamp> <record>` lines) or subscription
 *   payloads (`logEvents[].message`), and objects concatenated without a newline (Firehose's default);
 * - pretty-printed records, one after another.
 * Digest files, Insights events and other JSON are refused with a reason that says what they are.
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
        const result = fromText(slice.line, slice.text, options, `${containerName(slice)}[${slice.index}].`);
        if ("line" in result) yield result;
        else yield* result;
      }
      return;
    }
    // Pretty-printed records (a first line of just "{") are read as a sequence of JSON values instead of lines.
    let document: RecordsScanner | null = null;
    let first = true;
    for await (const item of splitLines(stream, options.maxLineBytes)) {
      if ("error" in item) {
        yield item;
        continue;
      }
      if (document) {
        yield* fromSlices(document.feed(`${item.text}\n`), options);
        continue;
      }
      const text = item.text;
      if (text.trim() === "") continue;
      if (first && text.trim() === "{") {
        document = new RecordsScanner(options.maxLineBytes, true, item.line);
        yield* fromSlices(document.feed(`${text}\n`), options);
        continue;
      }
      first = false;
      yield* fromLine(item.line, text, options);
    }
    if (document) yield* fromSlices(document.end(), options);
  },
};

function containerName(slice: RecordSlice): string {
  return slice.container === undefined ? "Records" : slice.container;
}

function* fromSlices(slices: Iterable<RecordSlice>, options: ResolvedOptions): Generator<ObservedResult> {
  for (const slice of slices) {
    if ("error" in slice) yield { line: slice.line, error: slice.error };
    else {
      const result = fromText(slice.line, slice.text, options, "");
      if ("line" in result) yield result;
      else yield* result;
    }
  }
}

/** A record's result directly (the common case, without a generator per record), or the results of a wrapper. */
function fromText(line: number, text: string, options: ResolvedOptions, prefix: string): ObservedResult | Generator<ObservedResult> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const field = prefix.replace(/\.$/, "");
    return { line, error: field ? { line, field, reason: "record is not valid JSON" } : { line, reason: "record is not valid JSON" } };
  }
  if (isObject(value) && typeof value.eventName === "string") return withOwnText(line, observeCloudTrailRecord(line, value, options, prefix), text);
  return fromValue(line, value, text, options, prefix);
}

/** A line holds a record, a wrapper of records (see `fromValue`), or (Firehose) several objects run together. */
function* fromLine(line: number, text: string, options: ResolvedOptions): Generator<ObservedResult> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Only on this error path: look for the shapes whose lines are not one JSON value.
    yield* fromUnparsedLine(line, text, options);
    return;
  }
  yield* fromValue(line, value, text, options, "");
}

/** CloudWatch Logs exports write each log event as `<ISO timestamp> <message>`. */
const LOG_EXPORT_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z (?=\{)/;

function* fromUnparsedLine(line: number, text: string, options: ResolvedOptions): Generator<ObservedResult> {
  const exported = LOG_EXPORT_TIMESTAMP.exec(text);
  if (exported) {
    const rest = text.slice(exported[0].length);
    try {
      yield* fromValue(line, JSON.parse(rest), rest, options, "");
      return;
    } catch {
      // fall through to the generic error
    }
  }
  if (text.trimStart().startsWith("{")) {
    const scanner = new RecordsScanner(text.length + 1, true, line);
    const slices = [...scanner.feed(text), ...scanner.end()];
    if (slices.length > 1 && slices.every((s) => "text" in s)) {
      for (const s of slices) {
        if (!("text" in s)) continue;
        const result = fromText(line, s.text, options, "");
        if ("line" in result) yield result;
        else yield* result;
      }
      return;
    }
  }
  yield { line, error: { line, reason: "not valid JSON (truncated line?)" } };
}

type Json = Record<string, unknown>;

/**
 * A parsed value: a CloudTrail record (the fast path), or one of the wrappers exporters put records in, which is
 * unwrapped (at most two levels: an array of lookup-events items, say). `text` is the value's own JSON text, kept as
 * the stored raw JSON when the value is the record itself.
 */
function* fromValue(line: number, value: unknown, text: string | undefined, options: ResolvedOptions, prefix: string, depth = 0): Generator<ObservedResult> {
  if (isObject(value) && typeof value.eventName === "string") {
    yield withOwnText(line, observeCloudTrailRecord(line, value, options, prefix), text);
    return;
  }
  const fail = (field: string, reason: string): ObservedResult => {
    const name = `${prefix}${field}`.replace(/\.$/, "");
    return { line, error: name ? { line, field: name, reason } : { line, reason } };
  };
  const unwrapped = depth < 2 ? unwrap(value) : null;
  if (unwrapped === null) {
    yield withOwnText(line, observeCloudTrailRecord(line, value, options, prefix), text);
  } else if ("reason" in unwrapped) {
    yield fail("", unwrapped.reason);
  } else if ("records" in unwrapped) {
    for (const [i, record] of unwrapped.records.entries()) {
      yield* fromValue(line, record, undefined, options, `${prefix}${unwrapped.field}[${i}].`, depth + 1);
    }
  } else if ("json" in unwrapped) {
    let record: unknown;
    try {
      record = JSON.parse(unwrapped.json);
    } catch {
      yield fail(unwrapped.field, "is not valid JSON");
      return;
    }
    yield* fromValue(line, record, unwrapped.json, options, `${prefix}${unwrapped.field}.`, depth + 1);
  } else {
    yield* fromValue(line, unwrapped.record, undefined, options, `${prefix}${unwrapped.field}.`, depth + 1);
  }
}

type Unwrapped =
  | { records: unknown[]; field: string }
  | { json: string; field: string }
  | { record: unknown; field: string }
  | { reason: string };

/** What an exporter wrapped a record in, or null when the value is not a known wrapper (so it is read as a record). */
function unwrap(value: unknown): Unwrapped | null {
  if (Array.isArray(value)) return { records: value, field: "" };
  if (!isObject(value)) return null;
  if (Array.isArray(value.Records)) return { records: value.Records, field: "Records" };
  // `aws cloudtrail lookup-events`: the record is a JSON string in each item's CloudTrailEvent.
  if (Array.isArray(value.Events)) return { records: value.Events, field: "Events" };
  if (typeof value.CloudTrailEvent === "string") return { json: value.CloudTrailEvent, field: "CloudTrailEvent" };
  // CloudWatch Logs subscription payload (as Firehose or Lambda receives it): each log event's message is a record.
  if (Array.isArray(value.logEvents)) return { records: value.logEvents, field: "logEvents" };
  if (typeof value.message === "string" && "timestamp" in value) return { json: value.message, field: "message" };
  const detailType = value["detail-type"];
  if (typeof detailType === "string" && "detail" in value) {
    // EventBridge: "AWS API Call via CloudTrail", "AWS Console Sign In via CloudTrail", "AWS Service Event via CloudTrail".
    if (detailType.endsWith("via CloudTrail")) return { record: value.detail, field: "detail" };
    return { reason: `an EventBridge event of detail-type "${detailType}", not a CloudTrail event` };
  }
  if ("digestStartTime" in value || "digestS3Object" in value) {
    return { reason: DIGEST_FILE_REASON };
  }
  return null;
}

/** A record read from text of its own keeps that text as its raw JSON (stored as it is, not serialised again). */
function withOwnText(line: number, result: ReturnType<typeof observeCloudTrailRecord>, text: string | undefined): ObservedResult {
  if ("error" in result) return { line, error: result.error };
  if (text !== undefined) result.observed.rawJson = text;
  return { line, observed: result.observed };
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
