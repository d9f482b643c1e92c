import type { Redis } from 'ioredis';

/** Spend per key in microdollars, shared across replicas when Redis is configured. */
export interface SpendLedger {
  spent(keys: string[]): Promise<number[]>;
  charge(key: string, microdollars: number, ttlMs: number): Promise<number>;
}

const CHARGE = `local v = redis.call('INCRBY', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return v`;

/** Atomic INCRBY + expiry in one script: replicas add to the same total. */
export class RedisSpendLedger implements SpendLedger {
  constructor(private readonly redis: Redis) {}
  async spent(keys: string[]): Promise<number[]> {
    if (keys.length === 0) return [];
    const values = await this.redis.mget(...keys);
    return values.map((v) => Number(v ?? 0));
  }
  async charge(key: string, microdollars: number, ttlMs: number): Promise<number> {
    return Number(await this.redis.eval(CHARGE, 1, key, String(Math.round(microdollars)), String(ttlMs)));
  }
}

export class MemorySpendLedger implements SpendLedger {
  private readonly totals = new Map<string, { value: number; expiresAt: number }>();
  async spent(keys: string[]): Promise<number[]> {
    const now = Date.now();
    return keys.map((k) => {
      const entry = this.totals.get(k);
      return entry && entry.expiresAt > now ? entry.value : 0;
    });
  }
  async charge(key: string, microdollars: number, ttlMs: number): Promise<number> {
    const now = Date.now();
    const entry = this.totals.get(key);
    const next = entry && entry.expiresAt > now ? { value: entry.value + microdollars, expiresAt: entry.expiresAt } : { value: microdollars, expiresAt: now + ttlMs };
    this.totals.set(key, next);
    return next.value;
  }
}
