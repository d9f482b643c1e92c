import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { PubSub } from './pubsub';

/** Redis pub/sub on a dedicated subscriber connection (a subscribed connection can do nothing else). */
export class RedisPubSub implements PubSub {
  readonly distributed = true;
  private readonly logger = new Logger('RedisPubSub');
  private readonly handlers = new Map<string, Set<(message: string) => void>>();
  private subscriberReady = false;
  private readyCount = 0;

  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
  ) {
    subscriber.on('message', (channel: string, message: string) => {
      for (const handler of this.handlers.get(channel) ?? []) handler(message);
    });
    subscriber.on('ready', () => {
      this.subscriberReady = true;
      this.readyCount++;
      const channels = [...this.handlers.keys()];
      if (channels.length > 0) void subscriber.subscribe(...channels).catch((err: Error) => this.logger.warn(`resubscribe failed: ${err.message}`));
    });
    for (const event of ['close', 'end', 'error', 'reconnecting'] as const) subscriber.on(event, () => (this.subscriberReady = false));
    subscriber.on('error', () => undefined);
    this.subscriberReady = subscriber.status === 'ready';
    if (this.subscriberReady) this.readyCount++;
  }

  get connections(): number {
    return this.readyCount;
  }

  get connected(): boolean {
    return this.subscriberReady && this.redis.status === 'ready';
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.redis.publish(channel, message);
  }

  subscribe(channel: string, handler: (message: string) => void): () => void {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      void this.subscriber.subscribe(channel).catch((err: Error) => this.logger.warn(`subscribe ${channel} failed: ${err.message}`));
    }
    set.add(handler);
    return () => {
      set!.delete(handler);
    };
  }

  async close(): Promise<void> {
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }
}
