import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../../bootstrap/bootstrap.tokens';
import { LocalPubSub } from './local-pubsub';
import { PUBSUB, type PubSub } from './pubsub';
import { RedisPubSub } from './redis-pubsub';

@Global()
@Module({
  providers: [
    {
      provide: PUBSUB,
      inject: [REDIS],
      useFactory: async (redis: Redis | null): Promise<PubSub> => {
        if (!redis) return new LocalPubSub();
        const subscriber = redis.duplicate({ lazyConnect: true, enableOfflineQueue: true, maxRetriesPerRequest: null, enableAutoPipelining: false });
        subscriber.on('error', () => undefined);
        await subscriber.connect();
        return new RedisPubSub(redis, subscriber);
      },
    },
  ],
  exports: [PUBSUB],
})
export class PubSubModule implements OnApplicationShutdown {
  constructor(@Inject(PUBSUB) private readonly pubsub: PubSub) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.pubsub instanceof RedisPubSub) await this.pubsub.close();
  }
}
