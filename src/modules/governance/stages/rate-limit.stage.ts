import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { AppConfig } from '../../../bootstrap/config/app-config';
import { APP_CONFIG } from '../../../bootstrap/bootstrap.tokens';
import { allow, deny, type GovernanceContext, type GovernanceStage, type StageVerdict } from '../governance.types';

const WINDOW_MS = 60_000;

/**
 * How often: `tool_calls_per_minute` per user, and the server's own `calls_per_minute`, counted
 * atomically in the shared store (Redis across replicas). A store outage follows
 * `rate_limits.fail_mode` and never throws.
 */
@Injectable()
export class RateLimitStage implements GovernanceStage {
  readonly name = 'rate_limit';

  constructor(
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async evaluate({ identity, server }: GovernanceContext): Promise<StageVerdict> {
    const subject = identity.userId ?? identity.clientId ?? identity.sessionId;
    const limits: { key: string; limit: number; label: string }[] = [
      { key: `tools:${subject}`, limit: this.config.governance.rate_limits.tool_calls_per_minute, label: 'tool_calls_per_minute' },
    ];
    if (server?.rate_limit) limits.push({ key: `tools:${subject}:${server.name}`, limit: server.rate_limit.calls_per_minute, label: `${server.name} calls_per_minute` });
    for (const { key, limit, label } of limits) {
      try {
        const record = await this.storage.increment(key, WINDOW_MS, limit, WINDOW_MS, 'tools');
        if (record.isBlocked || record.totalHits > limit) {
          const retry = Math.max(1, Math.ceil(Math.max(record.timeToBlockExpire, record.timeToExpire) / 1000));
          return deny(this.name, 'RATE_LIMITED', `${label} limit of ${limit} reached`, 429, retry);
        }
      } catch (err) {
        if (this.config.rateLimits.fail_mode === 'fail_open') continue;
        return deny(this.name, 'LIMITER_UNAVAILABLE', `rate limiter unavailable (${(err as Error).message}); refusing by policy fail_closed`, 503);
      }
    }
    return allow;
  }
}
