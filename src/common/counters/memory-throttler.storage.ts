import type { ThrottlerStorage } from '@nestjs/throttler';

interface Window {
  hits: number;
  expiresAt: number;
  blockedUntil: number;
}

const SWEEP_EVERY = 10_000;

/**
 * The throttler's storage for a single process: one fixed-window counter per key, O(1) per hit.
 * (The library's in-memory storage keeps every hit's timestamp and scans them on each request,
 * which is O(hits) per request and grows memory with the limit.) Same semantics as the Redis
 * storage: over the limit, the key is blocked for `blockDuration`.
 */
export class MemoryThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private operations = 0;

  async increment(key: string, ttl: number, limit: number, blockDuration: number, _throttlerName?: string): Promise<{ totalHits: number; timeToExpire: number; isBlocked: boolean; timeToBlockExpire: number }> {
    const now = Date.now();
    if (++this.operations % SWEEP_EVERY === 0) this.sweep(now);
    let window = this.windows.get(key);
    if (!window || (window.expiresAt <= now && window.blockedUntil <= now)) {
      window = { hits: 0, expiresAt: now + ttl, blockedUntil: 0 };
      this.windows.set(key, window);
    }
    if (window.blockedUntil > now) {
      return { totalHits: window.hits, timeToExpire: Math.max(0, window.expiresAt - now), isBlocked: true, timeToBlockExpire: window.blockedUntil - now };
    }
    window.hits++;
    if (window.hits > limit) window.blockedUntil = now + blockDuration;
    const isBlocked = window.blockedUntil > now;
    return { totalHits: window.hits, timeToExpire: Math.max(0, window.expiresAt - now), isBlocked, timeToBlockExpire: isBlocked ? window.blockedUntil - now : 0 };
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.expiresAt <= now && window.blockedUntil <= now) this.windows.delete(key);
  }
}
