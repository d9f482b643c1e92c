/** A failure that retrying cannot fix (e.g. HTTP 400/401): the batch is dropped at once. */
export class NonRetryableExportError extends Error {}

export interface ExportQueueOptions {
  maxQueue: number;
  batchSize: number;
  flushIntervalMs: number;
  maxRetries: number;
  retryBaseMs: number;
}

export interface ExportHooks {
  sent(count: number): void;
  dropped(count: number, reason: 'queue_full' | 'send_failed'): void;
  failed(error: Error): void;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * Items sent in batches off the event path. Bounded: a full queue drops (and counts) new
 * items. A failed batch is retried with exponential backoff up to `maxRetries` times, then
 * dropped and counted; nothing is lost silently and memory never grows without bound.
 */
export class ExportQueue<T> {
  private readonly queue: T[] = [];
  private sending: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;

  constructor(
    private readonly send: (batch: T[]) => Promise<void>,
    private readonly options: ExportQueueOptions,
    private readonly hooks: ExportHooks,
  ) {}

  get depth(): number {
    return this.queue.length;
  }

  enqueue(item: T): boolean {
    if (this.queue.length >= this.options.maxQueue) {
      this.hooks.dropped(1, 'queue_full');
      return false;
    }
    this.queue.push(item);
    if (this.queue.length >= this.options.batchSize && this.failures === 0) this.schedule(0);
    else this.schedule(this.options.flushIntervalMs);
    return true;
  }

  /** Sends what is queued, retrying as usual, until `deadline` (epoch ms). */
  async flush(deadline: number): Promise<void> {
    this.clearTimer();
    while ((this.queue.length > 0 || this.sending) && Date.now() < deadline) {
      if (this.sending) await this.sending;
      else {
        if (this.failures > 0) await sleep(Math.min(this.backoff(), Math.max(0, deadline - Date.now())));
        if (Date.now() < deadline) await this.sendOne();
      }
    }
  }

  close(): void {
    this.clearTimer();
  }

  private schedule(delayMs: number): void {
    if (this.timer && delayMs > 0) return;
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.pump();
    }, delayMs);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async pump(): Promise<void> {
    if (!this.sending) await this.sendOne();
  }

  /** After every attempt: the next one, at once for a full batch, after a backoff on failure. */
  private next(): void {
    if (this.queue.length === 0) return;
    if (this.failures > 0) this.schedule(this.backoff());
    else this.schedule(this.queue.length >= this.options.batchSize ? 0 : this.options.flushIntervalMs);
  }

  private sendOne(): Promise<void> {
    if (this.sending) return this.sending;
    if (this.queue.length === 0) return Promise.resolve();
    const batch = this.queue.slice(0, this.options.batchSize);
    this.sending = this.send(batch)
      .then(() => {
        this.queue.splice(0, batch.length);
        this.failures = 0;
        this.hooks.sent(batch.length);
      })
      .catch((err: unknown) => {
        const error = err instanceof Error ? err : new Error(String(err));
        this.hooks.failed(error);
        this.failures++;
        if (error instanceof NonRetryableExportError || this.failures > this.options.maxRetries) {
          this.queue.splice(0, batch.length);
          this.failures = 0;
          this.hooks.dropped(batch.length, 'send_failed');
        }
      })
      .finally(() => {
        this.sending = null;
        this.next();
      });
    return this.sending;
  }

  private backoff(): number {
    return Math.min(this.options.retryBaseMs * 2 ** (this.failures - 1), MAX_BACKOFF_MS);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
