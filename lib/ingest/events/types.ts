import type { ActivityEvent, EventFormat, EventScope, ObservedEvent } from "../../domain/activity-event";
import type { RowError } from "../row-error";
import type { AttributionContext } from "./attribution";
import type { EnvironmentRule } from "./environment";

/** One line (or record) of an ingest: an event, or why it was rejected. */
export type ParseResult =
  | { line: number; event: ActivityEvent }
  /** `fatal` errors end the stream (gzip bomb, corrupt archive); others skip one row. */
  | { line: number; error: RowError; fatal?: true };

export type ParseOptions = {
  /** Longest accepted line or record, in bytes; longer ones are rejected without being buffered. */
  maxLineBytes?: number;
  /** Decompressed-size limit for gzip input. */
  maxDecompressedBytes?: number;
  /** "Now" for the future-timestamp check; injected so tests are deterministic. */
  now?: Date;
  /** How far past `now` a timestamp may be (clock skew), in milliseconds. */
  maxFutureSkewMs?: number;
  attribution?: AttributionContext;
  environmentRules?: readonly EnvironmentRule[];
  /**
   * Where this upload's resources live when its events do not say, e.g. the database server a pgaudit log
   * came from (the log itself only names the client host). Fields an event states win.
   */
  scope?: EventScope;
  /** pgaudit only: the server's `log_line_prefix` (PostgreSQL's default is "%m [%p] "). */
  logLinePrefix?: string;
  /** pgaudit only: zone abbreviations accepted in %m/%t timestamps, as offsets like "+01:00". */
  timeZoneAbbreviations?: Readonly<Record<string, string>>;
};

export type ResolvedOptions = Required<Omit<ParseOptions, "attribution" | "environmentRules">> & {
  attribution: AttributionContext;
  environmentRules: readonly EnvironmentRule[];
};

/** An ingest format: upload bytes (plain or gzip) in, normalized events and row errors out, in input order. */
export type EventParser = {
  format: EventFormat;
  parse(input: AsyncIterable<Uint8Array>, options?: ParseOptions): AsyncGenerator<ParseResult>;
};

export type ObservedResult = { line: number; observed: ObservedEvent } | { line: number; error: RowError; fatal?: true };

/** The format-specific half of a parser: decompressed bytes in, observed (not yet normalized) events out. */
export type FormatReader = {
  format: EventFormat;
  read(input: AsyncIterable<Uint8Array>, options: ResolvedOptions): AsyncGenerator<ObservedResult>;
};
