import { Inject, Injectable, Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { AppConfig } from '../../bootstrap/config/app-config';
import { APP_CONFIG } from '../../bootstrap/bootstrap.tokens';

const WINDOW_MS = 60_000;

/**
 * Counts failed authentications per key — the source address and the credential presented
 * (`failureKey`) — shared across replicas through the counter store, and refuses that key for
 * the rest of the minute once it passes the limit.
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly logger = new Logger('AuthFailureLimiter');
  private readonly limit: number;
  private readonly blocked = new Map<string, number>();

  constructor(
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limit = config.security.auth_failures_per_minute;
  }

  /** Milliseconds until the source may try again, or 0. Checked before any verification. */
  retryAfterMs(source: string): number {
    const until = this.blocked.get(source);
    if (until === undefined) return 0;
    const left = until - Date.now();
    if (left <= 0) this.blocked.delete(source);
    return Math.max(0, left);
  }

  async recordFailure(source: string): Promise<void> {
    try {
      const record = await this.storage.increment(`auth-fail:${source}`, WINDOW_MS, this.limit, WINDOW_MS, 'auth');
      if (record.totalHits > this.limit || record.isBlocked) {
        if (this.blocked.size > 10_000) this.blocked.clear();
        this.blocked.set(source, Date.now() + Math.max(record.timeToBlockExpire, record.timeToExpire, 1000));
      }
    } catch (err) {
      // A counter outage must not turn every failed login into a 500.
      this.logger.warn(`auth failure counter unavailable: ${(err as Error).message}`);
    }
  }
}
