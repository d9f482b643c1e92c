import { randomUUID } from 'node:crypto';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';
import { RedisThrottlerStorage } from '../../../src/common/counters/redis-throttler.storage';
import { redisUrlForTests } from '../../utils/test-database';

const url = redisUrlForTests();

/** The EVALSHA storage against the suite's Redis: same counting, keys and units as the library's. */
(url ? describe : describe.skip)(`RedisThrottlerStorage (integration)${url ? '' : ' [SKIPPED: REDIS_URL is not set]'}`, () => {
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis(url!, { enableAutoPipelining: true });
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('counts hits, blocks past the limit and reports seconds, like the library storage', async () => {
    const storage = new RedisThrottlerStorage(redis);
    const key = `test:${randomUUID()}`;
    const first = await storage.increment(key, 60_000, 2, 30_000, 'tools');
    expect(first).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    await storage.increment(key, 60_000, 2, 30_000, 'tools');
    const third = await storage.increment(key, 60_000, 2, 30_000, 'tools');
    expect(third.totalHits).toBe(3);
    expect(third.isBlocked).toBe(true);
    expect(third.timeToBlockExpire).toBe(30);
    // The library's own storage reads the same keys: replicas on either version count together.
    const library = new ThrottlerStorageRedisService(redis);
    const fourth = await library.increment(key, 60_000, 2, 30_000, 'tools');
    expect(fourth.totalHits).toBe(4);
    expect(fourth.isBlocked).toBe(true);
  });

  it('counts atomically under concurrent hits through the auto-pipeline', async () => {
    const storage = new RedisThrottlerStorage(redis);
    const key = `test:${randomUUID()}`;
    const records = await Promise.all(Array.from({ length: 200 }, () => storage.increment(key, 60_000, 150, 60_000, 'tools')));
    expect(records.map((r) => r.totalHits).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(records.filter((r) => !r.isBlocked)).toHaveLength(150);
  });

  it('still counts after Redis lost its scripts (SCRIPT FLUSH falls back to EVAL)', async () => {
    const storage = new RedisThrottlerStorage(redis);
    const key = `test:${randomUUID()}`;
    await storage.increment(key, 60_000, 10, 60_000, 'tools');
    await redis.script('FLUSH');
    const after = await storage.increment(key, 60_000, 10, 60_000, 'tools');
    expect(after.totalHits).toBe(2);
  });

  it('refuses a reply that is not the four numbers of the script', async () => {
    const storage = new RedisThrottlerStorage(redis);
    (storage as unknown as { incrementHit: () => Promise<unknown> }).incrementHit = async () => ['1', 2, 0, 0];
    await expect(storage.increment('k', 1000, 1, 1000, 'tools')).rejects.toThrow(TypeError);
  });
});
