import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;
type IncrementCommand = (hitKey: string, blockKey: string, name: string, ttl: number, limit: number, blockDuration: number) => Promise<unknown>;

/**
 * The throttler's Redis storage (same Lua script, same keys, same atomicity), run with EVALSHA
 * through an ioredis script command instead of sending the whole script with every hit: each
 * governed call and gateway request counts at least one hit, and shipping ~700 bytes of Lua
 * that Redis re-hashes every time was a visible share of both processes' CPU. ioredis falls
 * back to EVAL by itself when Redis has lost the script (restart, SCRIPT FLUSH).
 */
export class RedisThrottlerStorage extends ThrottlerStorageRedisService {
  private readonly incrementHit: IncrementCommand;

  constructor(redis: Redis) {
    super(redis);
    const command = 'spThrottlerIncrement';
    if (!(command in redis)) redis.defineCommand(command, { numberOfKeys: 2, lua: this.scriptSrc });
    this.incrementHit = (redis as unknown as Record<string, IncrementCommand>)[command].bind(redis);
  }

  override async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const results = await this.incrementHit(`{${key}:${throttlerName}}:hits`, `{${key}:${throttlerName}}:blocked`, throttlerName, ttl, limit, blockDuration);
    if (!Array.isArray(results) || !results.every((value) => typeof value === 'number')) {
      throw new TypeError(`Expected the throttler script to return four numbers, got ${JSON.stringify(results)}`);
    }
    const [totalHits, timeToExpire, isBlocked, timeToBlockExpire] = results as number[];
    // Seconds, as the parent (and the throttler's contract) report them.
    return { totalHits, timeToExpire: Math.ceil(timeToExpire / 1000), isBlocked: isBlocked === 1, timeToBlockExpire: Math.ceil(timeToBlockExpire / 1000) };
  }
}
