import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { REDIS } from '../../bootstrap/bootstrap.tokens';

/** Readiness of the shared Redis; absent when `redis_url` is not configured. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis | null,
  ) {}

  get configured(): boolean {
    return this.redis !== null;
  }

  async isHealthy(key = 'redis') {
    const session = this.indicators.check(key);
    try {
      const answer = await withTimeout(this.redis!.ping(), 1000);
      return answer === 'PONG' ? session.up() : session.down({ message: 'unexpected PING answer' });
    } catch (err) {
      return session.down({ message: (err as Error).message });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}
