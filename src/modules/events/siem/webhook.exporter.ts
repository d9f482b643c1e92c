import type { WebhookExporterProfile } from '../../../bootstrap/profile/observability.schema';
import { type ExportHooks, ExportQueue, NonRetryableExportError } from './export-queue';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * POSTs ECS documents to a SIEM collector as JSON arrays of up to `batch_size`. 408, 429, 5xx
 * and network errors are retried with backoff; other 4xx drop the batch (retrying would not help).
 */
export class WebhookExporter {
  private readonly queue: ExportQueue<Record<string, unknown>>;

  constructor(
    private readonly config: WebhookExporterProfile,
    private readonly authorization: string | null,
    hooks: ExportHooks,
    private readonly fetchFn: FetchLike = fetch,
  ) {
    this.queue = new ExportQueue((batch) => this.post(batch), {
      maxQueue: config.max_queue,
      batchSize: config.batch_size,
      flushIntervalMs: config.flush_interval_ms,
      maxRetries: config.max_retries,
      retryBaseMs: config.retry_base_ms,
    }, hooks);
  }

  get depth(): number {
    return this.queue.depth;
  }

  export(document: Record<string, unknown>): void {
    this.queue.enqueue(document);
  }

  flush(deadline: number): Promise<void> {
    return this.queue.flush(deadline);
  }

  close(): void {
    this.queue.close();
  }

  private async post(batch: Record<string, unknown>[]): Promise<void> {
    const headers: Record<string, string> = { ...this.config.headers, 'content-type': 'application/json' };
    if (this.authorization) headers.authorization = this.authorization;
    const response = await this.fetchFn(this.config.url, {
      method: 'POST',
      headers,
      body: JSON.stringify(batch),
      signal: AbortSignal.timeout(this.config.timeout_ms),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return;
    const message = `webhook answered ${response.status}`;
    if (response.status === 408 || response.status === 429 || response.status >= 500) throw new Error(message);
    throw new NonRetryableExportError(message);
  }
}
