import type { AppConfig } from '../../../bootstrap/config/app-config';
import type { Clock } from '../../../common/clock/clock.provider';
import { MetricsService } from '../../../common/metrics/metrics.service';
import type { PubSub } from '../../../common/pubsub/pubsub';
import { EventHubService } from './event-hub.service';
import { EventIdFactory } from './event-id.factory';
import type { ObservedEvent } from './observed-event.types';
import type { SseSink } from './sse-subscriber';

/** An in-memory pub/sub bus that, like Redis, delivers a replica's messages to itself too. */
class Bus {
  readonly published: string[] = [];
  private readonly handlers = new Set<(message: string) => void>();
  pubsub(): PubSub {
    return {
      distributed: true,
      connected: true,
      connections: 1,
      publish: async (_channel, message) => {
        this.published.push(message);
        for (const h of this.handlers) h(message);
      },
      subscribe: (_channel, handler) => {
        this.handlers.add(handler);
        return () => this.handlers.delete(handler);
      },
    };
  }
  send(message: string): void {
    for (const h of this.handlers) h(message);
  }
}

const config = { database: { kind: 'postgres', url: 'postgres://x/y' }, observability: { events: { resume_buffer: 100, subscriber_queue: 100, heartbeat_ms: 60_000, max_subscribers: 10 } } } as unknown as AppConfig;
const clock = { nowMs: () => 1_700_000_000_000 } as Clock;

function replica(bus: Bus) {
  const ids = new EventIdFactory(clock);
  const hub = new EventHubService(config, bus.pubsub(), ids, new MetricsService());
  hub.onModuleInit();
  const frames: string[] = [];
  const sink: SseSink = { write: (c) => (frames.push(c), true), once: () => undefined, end: () => undefined, destroy: () => undefined, writableEnded: false, destroyed: false };
  const subscriber = hub.open(sink, { identity: { role: 'admin', userId: 'admin' }, types: null }, null);
  const event = (n: number): ObservedEvent => ({ id: ids.next(), name: 'governance.decision', origin: ids.replica, payload: { trace_id: `t${n}`, user_id: 'u1' } as never });
  return { hub, ids, frames, event, close: () => (subscriber.close(), hub.onModuleDestroy()) };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('EventHubService fan-out between replicas', () => {
  it("publishes one loop turn's events as one message, delivered once and in order on the other replica", async () => {
    const bus = new Bus();
    const a = replica(bus);
    const b = replica(bus);
    const sent = [a.event(1), a.event(2), a.event(3)];
    for (const e of sent) a.hub.publishLocal(e);
    expect(a.frames).toHaveLength(3); // delivered locally at once
    await tick();
    expect(bus.published).toHaveLength(1);
    expect(bus.published[0].startsWith(`${a.ids.replica}\n`)).toBe(true);
    expect(b.frames.map((f) => f.split('\n')[0])).toEqual(sent.map((e) => `id: ${e.id}`));
    expect(a.frames).toHaveLength(3); // its own batch is not delivered twice
    a.close();
    b.close();
  });

  it('flushes what is pending when the module stops', () => {
    const bus = new Bus();
    const a = replica(bus);
    a.hub.publishLocal(a.event(1));
    a.close();
    expect(bus.published).toHaveLength(1);
  });

  it('ignores malformed messages and malformed entries, keeping the valid ones', () => {
    const bus = new Bus();
    const b = replica(bus);
    const other = new EventIdFactory(clock);
    const valid: ObservedEvent = { id: other.next(), name: 'ai.request.completed', origin: other.replica, payload: { trace_id: 't', user_id: 'u' } as never };
    for (const message of ['', 'no newline', `${other.replica}\nnot json`, `${other.replica}\n{"id":"x"}`, `${other.replica}\n[1,null,{"id":"bad","name":"governance.decision","origin":"x","payload":{}}]`]) {
      expect(() => bus.send(message)).not.toThrow();
    }
    expect(b.frames).toEqual([]);
    bus.send(`${other.replica}\n${JSON.stringify([{ name: 'nope', id: valid.id, origin: other.replica, payload: {} }, valid])}`);
    expect(b.frames).toHaveLength(1);
    expect(b.frames[0]).toContain(`id: ${valid.id}`);
    b.close();
  });
});
