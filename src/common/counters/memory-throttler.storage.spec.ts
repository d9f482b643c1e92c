import { MemoryThrottlerStorage } from './memory-throttler.storage';

describe('MemoryThrottlerStorage', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('admits exactly the limit in a window, then blocks for the block duration', async () => {
    const store = new MemoryThrottlerStorage();
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await store.increment('k', 60_000, 3, 60_000, 't'));
    expect(results.map((r) => r.isBlocked)).toEqual([false, false, false, true, true]);
    expect(results[2]!.totalHits).toBe(3);
    expect(results[3]!.timeToBlockExpire).toBe(60_000);
  });

  it('starts a new window after the ttl and the block have passed', async () => {
    const store = new MemoryThrottlerStorage();
    for (let i = 0; i < 4; i++) await store.increment('k', 1000, 3, 1000, 't');
    jest.setSystemTime(1_000_000 + 1001);
    const next = await store.increment('k', 1000, 3, 1000, 't');
    expect(next).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('keeps keys independent', async () => {
    const store = new MemoryThrottlerStorage();
    for (let i = 0; i < 3; i++) await store.increment('a', 60_000, 3, 60_000, 't');
    expect((await store.increment('b', 60_000, 3, 60_000, 't')).totalHits).toBe(1);
  });
});
