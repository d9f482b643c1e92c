import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../../bootstrap/config/app-config';
import { APP_CONFIG, REDIS } from '../../../bootstrap/bootstrap.tokens';
import type { BudgetProfile } from '../../../bootstrap/profile/profile.schema';
import type { Identity } from '../../../common/auth/identity';
import { DomainEventPublisher } from '../../../common/events/domain-event.publisher';
import { GatewayError } from '../gateway.errors';
import { MemorySpendLedger, RedisSpendLedger, type SpendLedger } from './spend-ledger';

const PERIOD_MS = { hour: 3_600_000, day: 86_400_000, month: 31 * 86_400_000 } as const;

interface Applicable {
  budget: BudgetProfile;
  key: string;
  ttlMs: number;
}

/**
 * Spend caps per user and tenant per period: checked before forwarding, charged after. Totals
 * live in Redis when configured, so replicas can overspend by at most the requests already in
 * flight when a cap is reached.
 */
@Injectable()
export class BudgetService {
  private readonly logger = new Logger('BudgetService');
  private readonly ledger: SpendLedger;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) redis: Redis | null,
    private readonly events: DomainEventPublisher,
  ) {
    this.ledger = redis ? new RedisSpendLedger(redis) : new MemorySpendLedger();
  }

  get enabled(): boolean {
    return this.config.gateway.budgets.length > 0;
  }

  async check(identity: Identity, traceId: string): Promise<void> {
    const applicable = this.applicable(identity, new Date());
    if (applicable.length === 0) return;
    let spent: number[];
    try {
      spent = await this.ledger.spent(applicable.map((a) => a.key));
    } catch (err) {
      if (this.config.rateLimits.fail_mode === 'fail_open') return;
      throw new GatewayError('LIMITS_UNAVAILABLE', `Spend limits are unavailable (${(err as Error).message}); refusing by policy fail_closed`);
    }
    applicable.forEach(({ budget }, i) => {
      const limitMicro = budget.limit_usd * 1_000_000;
      if (spent[i]! < limitMicro) return;
      this.events.emit('budget.exceeded', { trace_id: traceId, user_id: identity.userId, tenant_id: identity.tenantId, scope: budget.scope, period: budget.period, limit_usd: budget.limit_usd, spent_usd: spent[i]! / 1_000_000 });
      throw new GatewayError('BUDGET_EXCEEDED', `The ${budget.scope} ${periodName(budget.period)} spend cap of $${budget.limit_usd} is reached`);
    });
  }

  async charge(identity: Identity, microdollars: number): Promise<void> {
    if (microdollars <= 0) return;
    for (const { key, ttlMs } of this.applicable(identity, new Date())) {
      await this.ledger.charge(key, microdollars, ttlMs).catch((err: Error) => this.logger.warn(`charge ${key} failed: ${err.message}`));
    }
  }

  private applicable(identity: Identity, now: Date): Applicable[] {
    const out: Applicable[] = [];
    for (const budget of this.config.gateway.budgets) {
      const subject = budget.scope === 'user' ? identity.userId : identity.tenantId;
      if (!subject) continue;
      if (budget.subject && budget.subject !== subject && budget.subject !== identity.email) continue;
      const start = periodStart(budget.period, now);
      const key = `sp:budget:${budget.scope}:${subject}:${budget.period}:${start}`;
      out.push({ budget, key, ttlMs: PERIOD_MS[budget.period] + 3_600_000 });
    }
    return out;
  }
}

/** Calendar periods in UTC: the hour, the day, the month. */
function periodStart(period: BudgetProfile['period'], now: Date): string {
  const iso = now.toISOString();
  return period === 'hour' ? iso.slice(0, 13) : period === 'day' ? iso.slice(0, 10) : iso.slice(0, 7);
}

function periodName(period: BudgetProfile['period']): string {
  return { hour: 'hourly', day: 'daily', month: 'monthly' }[period];
}
