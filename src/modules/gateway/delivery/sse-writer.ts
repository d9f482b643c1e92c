import { once } from 'node:events';
import type { FastifyReply } from 'fastify';
import { anthropicErrorBody } from '../../../common/errors/anthropic-error-type';

/**
 * Writes an SSE response straight to the socket (Fastify is told not to reply), with
 * back-pressure: a slow client slows the upstream read instead of growing memory.
 */
export class SseWriter {
  private started = false;
  private corked = false;
  private lastWriteAt = Date.now();

  constructor(
    private readonly reply: FastifyReply,
    private readonly traceId: string,
  ) {}

  get closed(): boolean {
    return this.reply.raw.destroyed || this.reply.raw.writableEnded;
  }

  get idleMs(): number {
    return Date.now() - this.lastWriteAt;
  }

  start(status: number, headers: Record<string, string>): void {
    if (this.started) return;
    this.started = true;
    this.reply.hijack();
    // Headers the hooks put on the reply (security headers) would be lost with the hijack.
    this.reply.raw.writeHead(status, {
      ...(this.reply.getHeaders() as Record<string, string>),
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-trace-id': this.traceId,
    });
  }

  /** The client's response, for a pipe that listens to its `drain` and `close` itself. */
  get response(): FastifyReply['raw'] {
    return this.reply.raw;
  }

  /** Writes without waiting: false when the socket's buffer is full (wait for `drain`). */
  writeNow(chunk: Buffer | string): boolean {
    if (this.closed) return false;
    this.lastWriteAt = Date.now();
    this.corkUntilImmediate();
    return this.reply.raw.write(chunk);
  }

  async write(chunk: Buffer | string): Promise<void> {
    if (this.closed) return;
    this.lastWriteAt = Date.now();
    this.corkUntilImmediate();
    if (!this.reply.raw.write(chunk)) await Promise.race([once(this.reply.raw, 'drain'), once(this.reply.raw, 'close')]);
  }

  /**
   * Writes of one turn of the event loop leave in one system call: an upstream that sends its
   * last events and its end together (a short answer) gets one writev for the events and the
   * chunked terminator instead of two calls. `end()` uncorks fully; otherwise the check phase,
   * right after this poll phase, does, so no event waits for a timer.
   */
  private corkUntilImmediate(): void {
    if (this.corked) return;
    this.corked = true;
    this.reply.raw.cork();
    setImmediate(this.uncork);
  }

  private readonly uncork = (): void => {
    this.corked = false;
    // After end() the socket may already carry the next response on this keep-alive connection.
    if (!this.reply.raw.writableEnded) this.reply.raw.uncork();
  };

  /** An error after the stream began is an SSE `error` event, then the end. */
  async error(status: number, message: string, type?: string): Promise<void> {
    await this.write(`event: error\ndata: ${JSON.stringify(anthropicErrorBody(status, message, type))}\n\n`);
    this.end();
  }

  end(): void {
    if (!this.closed) this.reply.raw.end();
  }
}
