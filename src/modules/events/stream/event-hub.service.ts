import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../../../bootstrap/config/app-config';
import { APP_CONFIG } from '../../../bootstrap/bootstrap.tokens';
import { DOMAIN_EVENT_NAMES, type DomainEventName } from '../../../common/events/domain-events';
import { MetricsService } from '../../../common/metrics/metrics.service';
import { PUBSUB, type PubSub } from '../../../common/pubsub/pubsub';
import { eventChannelFor } from './event-channel';
import { EventIdFactory, isEventId } from './event-id.factory';
import type { ObservedEvent, StreamedEvent } from './observed-event.types';
import { ResumeBuffer } from './resume-buffer';
import { SseSubscriber, type SseSink, type SseSubscriberOptions } from './sse-subscriber';

/**
 * Fan-out of events to this replica's SSE subscribers. Local events are delivered at once and
 * published on pub/sub; events from other replicas arrive from pub/sub. Every replica keeps
 * all of them in its resume buffer, so a client may resume on any replica.
 */
@Injectable()
export class EventHubService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('EventHub');
  private readonly subscribers = new Set<SseSubscriber>();
  private readonly buffer: ResumeBuffer;
  private readonly channel: string;
  private unsubscribe: (() => void) | null = null;
  private readonly dropped;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PUBSUB) private readonly pubsub: PubSub,
    private readonly ids: EventIdFactory,
    metrics: MetricsService,
  ) {
    this.buffer = new ResumeBuffer(config.observability.events.resume_buffer);
    this.channel = eventChannelFor(config.database);
    metrics.registerGauge({ name: 'sp_sse_subscribers', help: 'Open SSE event-stream subscribers on this replica', collect: () => this.subscribers.size });
    this.dropped = metrics.counter({ name: 'sp_sse_subscribers_dropped_total', help: 'SSE subscribers dropped because their queue filled (slow consumers)' });
  }

  onModuleInit(): void {
    this.unsubscribe = this.pubsub.subscribe(this.channel, (message) => this.receiveRemote(message));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    for (const subscriber of [...this.subscribers]) subscriber.close('closed');
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  get capacityLeft(): number {
    return this.config.observability.events.max_subscribers - this.subscribers.size;
  }

  /** An event that happened on this replica. */
  publishLocal(event: ObservedEvent): void {
    this.deliver(toStreamed(event));
    if (!this.pubsub.distributed) return;
    this.pubsub.publish(this.channel, JSON.stringify(event)).catch((err: Error) => this.logger.warn(`event ${event.id} not published to other replicas: ${err.message}`));
  }

  /**
   * Registers a subscriber on `sink`, first replaying what it missed since `lastEventId`.
   * Synchronous from replay to registration, so no event falls between the two.
   */
  open(sink: SseSink, options: Omit<SseSubscriberOptions, 'maxQueue' | 'heartbeatMs' | 'onClose'>, lastEventId: string | null): SseSubscriber {
    const settings = this.config.observability.events;
    const subscriber = new SseSubscriber(sink, {
      ...options,
      maxQueue: settings.subscriber_queue,
      heartbeatMs: settings.heartbeat_ms,
      onClose: (s, reason) => {
        this.subscribers.delete(s);
        if (reason === 'dropped') this.dropped.inc();
      },
    });
    if (lastEventId !== null) {
      const missed = this.buffer.after(lastEventId);
      if (!missed.complete) subscriber.send(': some events since Last-Event-ID are no longer buffered\n\n');
      for (const event of missed.events) if (subscriber.wants(event)) subscriber.send(event.frame);
    }
    this.subscribers.add(subscriber);
    return subscriber;
  }

  private receiveRemote(message: string): void {
    const event = parseRemote(message);
    if (!event || event.origin === this.ids.replica) return;
    this.deliver(toStreamed(event));
  }

  private deliver(event: StreamedEvent): void {
    this.buffer.push(event);
    for (const subscriber of this.subscribers) if (subscriber.wants(event)) subscriber.send(event.frame);
  }
}

/** The frame is serialized once, and only if some subscriber (live or resuming) ever needs it. */
function toStreamed(event: ObservedEvent): StreamedEvent {
  let frame: string | null = null;
  return {
    id: event.id,
    name: event.name,
    userId: event.payload.user_id ?? null,
    get frame() {
      frame ??= `id: ${event.id}\nevent: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`;
      return frame;
    },
  };
}

function parseRemote(message: string): ObservedEvent | null {
  try {
    const value = JSON.parse(message) as Partial<ObservedEvent>;
    const known = typeof value.name === 'string' && (DOMAIN_EVENT_NAMES as readonly string[]).includes(value.name);
    if (!known || typeof value.id !== 'string' || !isEventId(value.id) || typeof value.origin !== 'string' || typeof value.payload !== 'object' || value.payload === null) return null;
    return value as ObservedEvent<DomainEventName>;
  } catch {
    return null;
  }
}
