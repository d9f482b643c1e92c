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
  private outbox: ObservedEvent[] = [];
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
    this.flushOutbox();
    this.unsubscribe?.();
    for (const subscriber of [...this.subscribers]) subscriber.close('closed');
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  get capacityLeft(): number {
    return this.config.observability.events.max_subscribers - this.subscribers.size;
  }

  /**
   * An event that happened on this replica: delivered here at once, and published to the
   * other replicas with the rest of this event-loop turn's events as one message.
   */
  publishLocal(event: ObservedEvent): void {
    this.deliver(toStreamed(event));
    if (!this.pubsub.distributed) return;
    if (this.outbox.push(event) === 1) setImmediate(() => this.flushOutbox());
  }

  /**
   * One pub/sub message per batch instead of one per event: under load, a Redis publish and a
   * JSON parse of every event (each replica receives its own messages too) was a tenth of the
   * gateway's CPU. The origin leads the message, so a replica skips its own batches unparsed.
   */
  private flushOutbox(): void {
    if (this.outbox.length === 0) return;
    const events = this.outbox;
    this.outbox = [];
    const message = `${this.ids.replica}\n${JSON.stringify(events)}`;
    this.pubsub.publish(this.channel, message).catch((err: Error) => this.logger.warn(`${events.length} events (${events[0].id}…) not published to other replicas: ${err.message}`));
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
    const newline = message.indexOf('\n');
    if (newline < 0 || message.slice(0, newline) === this.ids.replica) return;
    for (const event of parseRemoteBatch(message.slice(newline + 1))) if (event.origin !== this.ids.replica) this.deliver(toStreamed(event));
  }

  private deliver(event: StreamedEvent): void {
    this.buffer.push(event);
    for (const subscriber of this.subscribers) if (subscriber.wants(event)) subscriber.send(event.frame);
  }
}

/**
 * The frame is serialized once, when the resume buffer stores it or a subscriber first needs it
 * (with `resume_buffer: 0` and no subscriber, never). A class rather than an object literal with
 * a getter, which costs a closure, its context and an accessor pair per event.
 */
class LazyFrameEvent implements StreamedEvent {
  readonly id: string;
  readonly name: DomainEventName;
  readonly userId: string | null;
  private serialized: string | null = null;

  constructor(private readonly event: ObservedEvent) {
    this.id = event.id;
    this.name = event.name;
    this.userId = event.payload.user_id ?? null;
  }

  get frame(): string {
    this.serialized ??= `id: ${this.event.id}\nevent: ${this.event.name}\ndata: ${JSON.stringify(this.event.payload)}\n\n`;
    return this.serialized;
  }
}

function toStreamed(event: ObservedEvent): StreamedEvent {
  return new LazyFrameEvent(event);
}

/** The well-formed events of another replica's batch; anything else in it is ignored. */
function parseRemoteBatch(json: string): ObservedEvent[] {
  let values: unknown;
  try {
    values = JSON.parse(json);
  } catch {
    return [];
  }
  return Array.isArray(values) ? values.filter(isObservedEvent) : [];
}

function isObservedEvent(value: unknown): value is ObservedEvent<DomainEventName> {
  const v = value as Partial<ObservedEvent> | null;
  if (typeof v !== 'object' || v === null) return false;
  const known = typeof v.name === 'string' && (DOMAIN_EVENT_NAMES as readonly string[]).includes(v.name);
  return known && typeof v.id === 'string' && isEventId(v.id) && typeof v.origin === 'string' && typeof v.payload === 'object' && v.payload !== null;
}
