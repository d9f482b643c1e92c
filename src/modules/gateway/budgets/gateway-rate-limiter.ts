import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { AppConfig } from '../../../bootstrap/config/app-config';
import { APP_CONFIG } from '../../../bootstrap/bootstrap.tokens';
import type { Identity } from '../../../common/auth/identity';
import { GatewayError } from '../gateway.errors';

const WINDOW_MS = 60_000;

/**
 * `governance.rate_limits.gateway_requests_per_minute` per user, counted in the throttler's
 * storage (atomic in Redis across replicas). Runs after authentication, so refused callers
 * never spend anyone's quota.
 */
@Injectable()
export class GatewayRateLimiter {
  private readonly limit: number;

  constructor(
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.limit = config.governance.rate_limits.gateway_requests_per_minute;
  }

  async check(identity: Identity): Promise<void> {
    const subject = identity.userId ?? identity.clientId ?? identity.sessionId;
    let record;
    try {
      record = await this.storage.increment(`gw:${subject}`, WINDOW_MS, this.limit, WINDOW_MS, 'gateway');
    } catch (err) {
      if (this.config.rateLimits.fail_mode === 'fail_open') return;
      throw new GatewayError('LIMITS_UNAVAILABLE', `Rate limits are unavailable (${(err as Error).message}); refusing by policy fail_closed`);
    }
    if (record.isBlocked || record.totalHits > this.limit) {
      const retry = Math.max(1, Math.ceil(Math.max(record.timeToBlockExpire, record.timeToExpire) / 1000));
      throw new GatewayError('RATE_LIMITED', `gateway_requests_per_minute limit of ${this.limit} reached; retry in ${retry} s`, retry);
    }
  }
}
