import { Global, Module } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { Redis } from 'ioredis';
import { REDIS } from '../../bootstrap/bootstrap.tokens';
import { MemoryThrottlerStorage } from './memory-throttler.storage';

/**
 * Windowed counters for every limit (auth failures, rate limits): the throttler's storage,
 * atomic in Redis (one Lua script per hit) when `redis_url` is set, in memory otherwise.
 */
@Global()
@Module({
  providers: [
    {
      provide: ThrottlerStorage,
      inject: [REDIS],
      useFactory: (redis: Redis | null) => (redis ? new ThrottlerStorageRedisService(redis) : new MemoryThrottlerStorage()),
    },
  ],
  exports: [ThrottlerStorage],
})
export class CountersModule {}
