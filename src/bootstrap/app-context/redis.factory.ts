import { Redis } from 'ioredis';
import { BootstrapError } from '../bootstrap.error';
import { coalesceWritesPerTurn } from './redis-write-coalescing';

/**
 * The shared Redis connection. Commands fail fast while Redis is away (no unbounded offline
 * queue), so callers apply their configured fail mode instead of hanging. Commands issued in
 * the same event-loop turn leave in one socket write (one write per rate-limit check and
 * event was a tenth of the CPU under load), by corking the socket rather than through
 * ioredis's auto-pipelining (`coalesceWritesPerTurn` says why).
 */
export async function connectRedis(url: string, source: string): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    enableAutoPipelining: false,
    connectTimeout: 3000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  // Without a listener ioredis reports connection errors as unhandled 'error' events.
  redis.on('error', () => undefined);
  coalesceWritesPerTurn(redis);
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    throw new BootstrapError('app-context', source, 'redis_url', `Redis is unreachable (${(err as Error).message})`);
  }
  return redis;
}
