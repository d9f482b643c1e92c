import { Logger } from '@nestjs/common';

export interface BatchWriterOptions {
  /** Rows held at most while the database is slow or away; beyond it rows are counted as dropped. */
  maxQueue: number;
  /** Entries (rows, or row groups: see `rowsOf`) that start a write without waiting for the timer. */
  batchSize: number;
  /** Most entries one write carries (default `batchSize`): a backlog leaves in fewer, larger writes. */
  maxBatchSize?: number;
  flushIntervalMs: number;
}

export interface BatchWriterStats {
  queued: number;
  written: number;
  failedWrites: number;
  dropped: number;
}

/**
 * Append-only rows written off the response path, in batches. A failed write keeps its rows and
 * is retried with backoff (counted); only a full queue drops rows, and each drop is counted and
 * logged, never silent. `flush()` drains everything (used at shutdown).
 *
 * A row the database refuses for its data (SQLSTATE class 22/23, e.g. a NUL byte in text) would
 * fail every retry and hold up every row queued behind it, the audit trail included: such a
 * batch is rewritten row by row and only the refused row is dropped, counted and logged.
 * (Found by the fuzz tier: one request with a NUL in a tool name stopped all audit writes.)
 *
 * An entry may stand for several rows (a `RowGroup`): `rowsOf` says how many, and the queue
 * bound and every count are in rows. A refused group is dropped whole.
 */
export class BatchWriter<T> {
  private readonly logger: Logger;
  private queue: T[] = [];
  private queuedRows = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private backoffMs = 0;
  /** Rows left to write one at a time, after a batch was refused for its data. */
  private isolating = 0;
  private readonly counters = { written: 0, failedWrites: 0, dropped: 0 };

  constructor(
    /** The table it writes; also its `queue` label in `/metrics` (`BatchWriterMetrics`). */
    readonly name: string,
    private readonly write: (rows: T[]) => Promise<void>,
    private readonly options: BatchWriterOptions,
    private readonly rowsOf: (entry: T) => number = () => 1,
  ) {
    this.logger = new Logger(`BatchWriter:${name}`);
  }

  enqueue(entry: T): boolean {
    const rows = this.rowsOf(entry);
    if (this.queuedRows + rows > this.options.maxQueue) {
      const before = this.counters.dropped;
      this.counters.dropped += rows;
      if (before === 0 || Math.floor(before / 1000) !== Math.floor(this.counters.dropped / 1000)) {
        this.logger.error(`queue full (${this.options.maxQueue}): ${this.counters.dropped} row(s) dropped so far`);
      }
      return false;
    }
    this.queue.push(entry);
    this.queuedRows += rows;
    if (this.queue.length >= this.options.batchSize && this.backoffMs === 0) void this.drain();
    else this.schedule();
    return true;
  }

  get stats(): BatchWriterStats {
    return { queued: this.queuedRows, ...this.counters };
  }

  /**
   * Writes everything queued; after a failed write, retries when its backoff ends, as long as
   * that is before `deadline` (epoch ms). (Sleeping to the deadline and checking the clock let
   * a timer that fired a millisecond early make one more attempt than the deadline allowed.)
   */
  async flush(deadline = Date.now() + 10_000): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while ((this.queue.length > 0 || this.writing) && Date.now() < deadline) {
      await (this.writing ?? this.drainOnce());
      if (this.queue.length === 0 || this.backoffMs === 0) continue;
      if (Date.now() + this.backoffMs >= deadline) break;
      await sleep(this.backoffMs);
    }
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain();
    }, this.options.flushIntervalMs + this.backoffMs);
    this.timer.unref();
  }

  /**
   * Writes while whole batches are waiting (a backlog goes out back to back, one statement at
   * a time) or a refused batch is being isolated; a partial batch waits for its timer.
   */
  private async drain(): Promise<void> {
    if (this.writing) return;
    do {
      await this.drainOnce();
    } while (this.queue.length > 0 && this.backoffMs === 0 && (this.isolating > 0 || this.queue.length >= this.options.batchSize));
    if (this.queue.length > 0) this.schedule();
  }

  private count(entries: readonly T[]): number {
    let rows = 0;
    for (const entry of entries) rows += this.rowsOf(entry);
    return rows;
  }

  /** After a refusal: write a refused batch entry by entry; drop a refused single entry. */
  private isolate(batch: readonly T[], err: Error): void {
    if (batch.length > 1) {
      this.isolating = batch.length;
      this.logger.warn(`write of ${this.count(batch)} row(s) refused (${err.message}); writing them one ${batch.length === this.count(batch) ? 'row' : 'entry'} at a time`);
      return;
    }
    const rows = this.rowsOf(batch[0]);
    this.queuedRows -= rows;
    this.counters.dropped += rows;
    this.queue.splice(0, 1);
    if (this.isolating > 0) this.isolating--;
    this.logger.error(`${rows === 1 ? 'a row was' : `an entry of ${rows} rows was`} refused by the database and dropped: ${err.message}`);
  }

  private drainOnce(): Promise<void> {
    if (this.writing) return this.writing;
    if (this.queue.length === 0) return Promise.resolve();
    const batch = this.queue.slice(0, this.isolating > 0 ? 1 : (this.options.maxBatchSize ?? this.options.batchSize));
    this.writing = this.write(batch)
      .then(() => {
        this.queue.splice(0, batch.length);
        const rows = this.count(batch);
        this.queuedRows -= rows;
        this.counters.written += rows;
        this.backoffMs = 0;
        if (this.isolating > 0) this.isolating--;
      })
      .catch((err: unknown) => {
        this.counters.failedWrites++;
        if (isRowRefusal(err)) return this.isolate(batch, err as Error);
        this.backoffMs = Math.min(Math.max(this.backoffMs * 2, 250), 10_000);
        this.logger.warn(`write of ${this.count(batch)} row(s) failed, retrying in ${this.backoffMs} ms: ${(err as Error).message}`);
      })
      .finally(() => {
        this.writing = null;
      });
    return this.writing;
  }
}

/** SQLSTATE class 22 (data exception) or 23 (integrity constraint): the rows, not the database. */
function isRowRefusal(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.code ?? e?.driverError?.code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
