import type { Worker } from 'node:worker_threads';
import { startWorker } from '../threads/start-worker';
import type { RowGroup } from './row-group';
import type { RowInsertMessage, RowInsertReply, RowInsertWorkerData } from './row-insert.protocol';
import type { RowInserter } from './row-inserter';

const CLOSE_TIMEOUT_MS = 5000;

interface Pending {
  resolve(): void;
  reject(err: Error): void;
}

/**
 * Rows written by a thread of their own with its own `pg` pool (`row-insert.worker.ts`).
 * On the request thread, building each batch's array literals and the driver's message, and
 * the round trip's buffers and promises, were a tenth of its CPU under load, and made the
 * young-generation GC promote two to three times the bytes (docs/benchmarks.md, fifth
 * session). Here the batch leaves as one structured clone.
 *
 * The thread starts at the first batch. If it dies, the batches in flight fail without a
 * SQLSTATE (the batch writer keeps them and retries) and the next batch starts a new one.
 */
export class RowInsertThread implements RowInserter {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private closed = false;

  constructor(private readonly data: RowInsertWorkerData) {}

  insert(table: string, columns: readonly string[], rows: Record<string, unknown>[]): Promise<void> {
    return this.send((id) => ({ id, table, columns, rows }));
  }

  /** The groups cross as they are (far fewer objects to copy) and are expanded on the thread. */
  insertGroups(table: string, columns: readonly string[], groups: RowGroup[]): Promise<void> {
    return this.send((id) => ({ id, table, columns, groups }));
  }

  private send(batch: (id: number) => Exclude<RowInsertMessage, { close: true }>): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the row insert thread is closed'));
    const worker = this.worker ?? this.start();
    const id = ++this.nextId;
    return new Promise<void>((resolve, reject) => {
      try {
        worker.postMessage(batch(id));
      } catch (err) {
        reject(uncloneable(err as Error));
        return;
      }
      this.pending.set(id, { resolve, reject });
      worker.ref();
    });
  }

  /**
   * Ends the thread's pool and the thread; the batch writers have flushed before this. A batch
   * still held (a write retrying past the flush deadline) gets its grace period, then fails
   * with the thread's exit like any batch of a lost thread.
   */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.ref();
    worker.postMessage({ close: true } satisfies RowInsertMessage);
    const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  private start(): Worker {
    const worker = startWorker(__dirname, 'row-insert.worker', this.data);
    worker.on('message', (reply: RowInsertReply) => this.settle(reply));
    worker.on('error', (err) => this.lost(worker, err));
    worker.on('exit', (code) => this.lost(worker, new Error(`the row insert thread exited (code ${code})`)));
    // Idle, it does not keep the process alive; a batch in flight does.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle({ id, error }: RowInsertReply): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
    if (!error) pending.resolve();
    else pending.reject(Object.assign(new Error(error.message), error.code ? { code: error.code } : {}));
  }

  private lost(worker: Worker, err: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const pending of this.pending.values()) pending.reject(err);
    this.pending.clear();
  }
}

/**
 * A row holding something that cannot be copied to the thread (a function, a symbol) is the
 * row's fault, not the database's: class 22 makes the batch writer isolate and drop it
 * instead of retrying the batch forever.
 */
function uncloneable(err: Error): Error {
  return Object.assign(new Error(`a row cannot be copied to the insert thread: ${err.message}`), { code: '22000' });
}
