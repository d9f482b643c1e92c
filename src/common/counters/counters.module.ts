import { Global, Module } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import { REDIS } from '../../bootstrap/bootstrap.tokens';
import { MemoryThrottlerStorage } from './memory-throttler.storage';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/**
 * Windowed counters for every limit (auth failures, rate limits): the throttler's storage,
 * atomic in Redis (one Lua script call per hit, by its SHA) when `redis_url` is set, in memory otherwise.
 */
@Global()
@Module({
  providers: [
    {
      provide: ThrottlerStorage,
      inject: [REDIS],
      useFactory: (redis: Redis | null) => (redis ? new RedisThrottlerStorage(redis) : new MemoryThrottlerStorage()),
    },
  ],
  exports: [ThrottlerStorage],
})
export class CountersModule {}
