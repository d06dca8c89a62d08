import "server-only";
import type { RowError } from "@/lib/ingest/row-error";
import type { InventoryWriter } from "./inventory-writer";

type WriteItem = Parameters<InventoryWriter["write"]>[0][number];

/**
 * Batches parsed records into the writer with one batch in flight: while the database writes batch n, the file
 * goes on being parsed into batch n+1 (on Postgres the two run on different processors). Writes still happen one
 * after another in the caller's transaction, and row errors are reported in the order they would be without the
 * overlap: a parse error found during a write is held until that write's refusals are reported.
 */
export class WritePipeline {
  private batch: WriteItem[] = [];
  private inFlight: Promise<RowError[]> | null = null;
  private held: RowError[] = [];

  constructor(
    private readonly batchSize: number,
    private readonly writer: InventoryWriter,
    private readonly report: (error: RowError) => void,
  ) {}

  reject(error: RowError): void {
    if (this.inFlight) this.held.push(error);
    else this.report(error);
  }

  async add(item: WriteItem): Promise<void> {
    if (this.batch.push(item) >= this.batchSize) await this.flush();
  }

  /** Waits for the write in flight, then starts writing the batch collected meanwhile. */
  private async flush(): Promise<void> {
    await this.settle();
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    const write = this.writer.write(batch);
    // Observed now so a failure is not "unhandled" while parsing continues; rethrown by settle().
    write.catch(() => undefined);
    this.inFlight = write;
  }

  private async settle(): Promise<void> {
    if (!this.inFlight) return;
    const write = this.inFlight;
    this.inFlight = null;
    (await write).forEach(this.report);
    const held = this.held;
    this.held = [];
    held.forEach(this.report);
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.settle();
  }

  /** Waits for the write in flight to end, however it ends, without reporting it. */
  async abandon(): Promise<void> {
    const write = this.inFlight;
    this.inFlight = null;
    await write?.catch(() => undefined);
  }
}
