import type { Identity } from '../../../common/auth/identity';
import type { DomainEventName } from '../../../common/events/domain-events';
import { canSeeEvent } from './event-visibility';
import type { StreamedEvent } from './observed-event.types';

/** The part of a ServerResponse a subscriber writes to (a fake in unit tests). */
export interface SseSink {
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
  end(): unknown;
  destroy(): unknown;
  readonly writableEnded: boolean;
  readonly destroyed: boolean;
}

export interface SseSubscriberOptions {
  identity: Pick<Identity, 'role' | 'userId'>;
  /** null: every event type. */
  types: ReadonlySet<DomainEventName> | null;
  maxQueue: number;
  heartbeatMs: number;
  /** Called once when the subscriber stops, with why. */
  onClose: (subscriber: SseSubscriber, reason: 'closed' | 'dropped') => void;
}

/**
 * One SSE connection. Writes go straight to the socket while it keeps up; once the socket
 * pushes back, frames wait in a queue of at most `maxQueue`, and a subscriber that lets it
 * fill is dropped (its connection destroyed): a slow consumer never costs unbounded memory.
 */
export class SseSubscriber {
  private readonly queue: string[] = [];
  private blocked = false;
  private closed = false;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly sink: SseSink,
    private readonly options: SseSubscriberOptions,
  ) {
    this.heartbeat = setInterval(() => {
      if (!this.blocked) this.write(': heartbeat\n\n');
    }, options.heartbeatMs);
    this.heartbeat.unref();
  }

  get queued(): number {
    return this.queue.length;
  }

  wants(event: StreamedEvent): boolean {
    return (this.options.types === null || this.options.types.has(event.name)) && canSeeEvent(this.options.identity, event.userId);
  }

  send(frame: string): void {
    if (this.closed) return;
    if (this.sink.destroyed || this.sink.writableEnded) return this.close('closed');
    if (!this.blocked) return this.write(frame);
    if (this.queue.length >= this.options.maxQueue) return this.close('dropped');
    this.queue.push(frame);
  }

  close(reason: 'closed' | 'dropped' = 'closed'): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.queue.length = 0;
    if (reason === 'dropped') this.sink.destroy();
    else if (!this.sink.writableEnded && !this.sink.destroyed) this.sink.end();
    this.options.onClose(this, reason);
  }

  private write(frame: string): void {
    if (this.sink.write(frame)) return;
    this.blocked = true;
    this.sink.once('drain', () => this.drain());
  }

  private drain(): void {
    this.blocked = false;
    while (!this.closed && !this.blocked && this.queue.length > 0) this.write(this.queue.shift()!);
  }
}
