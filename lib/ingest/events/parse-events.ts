import type { EventFormat, ObservedEvent } from "../../domain/activity-event";
import { TOO_DEEP } from "../../domain/storable-text";
import { InputError, openInput } from "./byte-input";
import { cloudTrailReader } from "./cloudtrail";
import { csvReader } from "./csv";
import { leashNdjsonReader } from "./leash-ndjson";
import { normalizeEvent } from "./normalize";
import { pgauditReader } from "./pgaudit";
import { defaultTimeZoneAbbreviations } from "./pgaudit-message";
import { unstorableJson } from "./row-checks";
import type { EventParser, FormatReader, ParseOptions, ParseResult, ResolvedOptions } from "./types";

const readers: Readonly<Record<EventFormat, FormatReader>> = {
  "leash-ndjson": leashNdjsonReader,
  cloudtrail: cloudTrailReader,
  pgaudit: pgauditReader,
  csv: csvReader,
};

/** Every supported ingest format, keyed by its name in the API and CLI (`--format cloudtrail`). */
export const eventParsers: Readonly<Record<EventFormat, EventParser>> = {
  "leash-ndjson": parserFor("leash-ndjson"),
  cloudtrail: parserFor("cloudtrail"),
  pgaudit: parserFor("pgaudit"),
  csv: parserFor("csv"),
};

function parserFor(format: EventFormat): EventParser {
  return { format, parse: (input, options) => parseEvents(format, input, options) };
}

export const DEFAULT_MAX_LINE_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 2 * 1024 * 1024 * 1024;
export const DEFAULT_MAX_FUTURE_SKEW_MS = 24 * 60 * 60 * 1000;

export function resolveOptions(options: ParseOptions = {}): ResolvedOptions {
  return {
    maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
    maxDecompressedBytes: options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES,
    now: options.now ?? new Date(),
    maxFutureSkewMs: options.maxFutureSkewMs ?? DEFAULT_MAX_FUTURE_SKEW_MS,
    attribution: options.attribution ?? {},
    environmentRules: options.environmentRules ?? [],
    scope: options.scope ?? {},
    logLinePrefix: options.logLinePrefix ?? "%m [%p] ",
    timeZoneAbbreviations: options.timeZoneAbbreviations ?? defaultTimeZoneAbbreviations,
  };
}

/**
 * Parses an upload (plain or gzip) in the given format into normalized events and row errors, in input
 * order. Memory stays flat in the size of the input. A `fatal` error (gzip bomb, corrupt gzip, unusable
 * configuration) is always the last item.
 */
export async function* parseEvents(
  format: EventFormat,
  input: AsyncIterable<Uint8Array>,
  options: ParseOptions = {},
): AsyncGenerator<ParseResult> {
  const resolved = resolveOptions(options);
  let lastLine = 1;
  try {
    for await (const item of readers[format].read(openInput(input, resolved.maxDecompressedBytes), resolved)) {
      lastLine = item.line;
      if ("error" in item) {
        yield item;
        if (item.fatal) return;
      } else {
        const stored = storableJson(item.observed);
        if ("reason" in stored) {
          yield { line: item.line, error: { line: item.line, reason: stored.reason } };
          continue;
        }
        const event = normalizeEvent(item.observed, resolved);
        event.rawJson = stored.json;
        yield { line: item.line, event };
      }
    }
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    yield { line: lastLine, error: { line: lastLine, reason: error.message }, fatal: true };
  }
}

/** The record's JSON text as it will be stored (the source's own when the reader kept it), or why it cannot be. */
function storableJson(observed: ObservedEvent): { json: string } | { reason: string } {
  let json = observed.rawJson;
  if (json === undefined) {
    try {
      json = JSON.stringify(observed.raw ?? null);
    } catch (error) {
      // Past JSON.stringify's recursion: far past the depth the check below refuses.
      if (error instanceof RangeError) return { reason: TOO_DEEP };
      throw error;
    }
  }
  const reason = unstorableJson(json);
  return reason ? { reason } : { json };
}
