import "server-only";
import type { RowError } from "@/lib/ingest/row-error";

export type PipelineStages<Item, Ready> = {
  /** Work on a batch that does not need the database to itself: done while the batch before it is being written. */
  prepare: (batch: Item[]) => Promise<Ready> | Ready;
  /** Writes a prepared batch; resolves to the rows it refused. */
  write: (ready: Ready) => Promise<RowError[]>;
};

/** How many items are parsed between two turns of the event loop while a write is in flight. */
const YIELD_EVERY = 64;

/**
 * Batches parsed items into writes with one batch in flight: while the database writes batch n, the input goes on
 * being parsed into batch n+1 and n+1 is prepared (on Postgres the two run on different processors). Writes still
 * happen one after another, and row errors are reported in the order they would be without the overlap: a parse
 * error found during a write is held until that write's refusals are reported.
 */
export class WritePipeline<Item, Ready> {
  private batch: Item[] = [];
  private inFlight: Promise<RowError[]> | null = null;
  private held: RowError[] = [];

  constructor(
    private readonly batchSize: number,
    private readonly stages: PipelineStages<Item, Ready>,
    private readonly report: (error: RowError) => void,
  ) {}

  reject(error: RowError): void {
    if (this.inFlight) this.held.push(error);
    else this.report(error);
  }

  async add(item: Item): Promise<void> {
    if (this.batch.push(item) >= this.batchSize) await this.flush();
    // Items parsed from one chunk of input come without a turn of the event loop. Yielding now and then lets the
    // replies to the write in flight be read meanwhile; otherwise each of its round trips waits for a whole chunk.
    else if (this.inFlight && this.batch.length % YIELD_EVERY === 0) await new Promise(setImmediate);
  }

  /** Prepares the batch collected so far, waits for the write in flight, then starts writing the batch. */
  private async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    const ready = batch.length ? await this.stages.prepare(batch) : null;
    await this.settle();
    if (ready === null) return;
    const write = this.stages.write(ready);
    // Observed now so a failure is not "unhandled" while parsing continues; rethrown by settle().
    write.catch(() => undefined);
    this.inFlight = write;
  }

  private async settle(): Promise<void> {
    if (!this.inFlight) return;
    const write = this.inFlight;
    this.inFlight = null;
    (await write).forEach(this.report);
    this.reportHeld();
  }

  private reportHeld(): void {
    const held = this.held;
    this.held = [];
    held.forEach(this.report);
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.settle();
  }

  /**
   * Waits for the write in flight to end, however it ends, without reporting its refusals; parse errors held
   * meanwhile are reported (they were found before the failure).
   */
  async abandon(): Promise<void> {
    const write = this.inFlight;
    this.inFlight = null;
    await write?.catch(() => undefined);
    this.reportHeld();
  }
}
