import type { SchedulerRegistry } from '@nestjs/schedule';
import type { AppConfig } from '../../../bootstrap/config/app-config';
import type { SystempromptOptions } from '../../../bootstrap/extension.types';
import { Clock } from '../../../common/clock/clock.provider';
import { MetricsService } from '../../../common/metrics/metrics.service';
import type { RetentionRepository } from './retention.repository';
import { RetentionService } from './retention.service';

describe('RetentionService', () => {
  const retention = { enabled: true, days: 90, batch_size: 5000, interval_minutes: 60 };
  const make = (mode: SystempromptOptions['mode'], enabled = true) => {
    const scheduled: string[] = [];
    const scheduler = {
      addInterval: (name: string, timer: NodeJS.Timeout) => (scheduled.push(name), clearInterval(timer)),
      addTimeout: (name: string, timer: NodeJS.Timeout) => (scheduled.push(name), clearTimeout(timer)),
    } as unknown as SchedulerRegistry;
    const config = { observability: { retention: { ...retention, enabled } } } as unknown as AppConfig;
    new RetentionService(config, { mode }, {} as RetentionRepository, scheduler, new Clock(), new MetricsService()).onApplicationBootstrap();
    return scheduled;
  };

  it('schedules a first run and an interval on a server', () => {
    expect(make('server')).toEqual(['observability-retention-first', 'observability-retention']);
    expect(make(undefined)).toEqual(['observability-retention-first', 'observability-retention']);
  });

  it('never runs in the CLI, nor when disabled', () => {
    expect(make('cli')).toEqual([]);
    expect(make('server', false)).toEqual([]);
  });

  it('prunes each table in batches until a short batch, and skips tables that do not exist', async () => {
    const calls: string[] = [];
    const repository = {
      exists: async (table: string) => table !== 'audit_events',
      deleteBatch: async (table: string, _cutoff: Date, limit: number) => {
        calls.push(table);
        return table === 'ai_requests' && calls.filter((t) => t === table).length < 3 ? limit : 7;
      },
      unlessRunningElsewhere: <T>(work: () => Promise<T>) => work(),
    } as unknown as RetentionRepository;
    const config = { observability: { retention: { ...retention, governance_decisions_days: 7, batch_size: 100 } } } as unknown as AppConfig;
    const clock = { nowMs: () => Date.parse('2026-03-31T00:00:00Z') } as Clock;
    const service = new RetentionService(config, { mode: 'server' }, repository, {} as SchedulerRegistry, clock, new MetricsService());
    expect(await service.runOnce()).toEqual([
      { table: 'ai_requests', cutoff: '2025-12-31T00:00:00.000Z', deleted: 207, present: true },
      { table: 'governance_decisions', cutoff: '2026-03-24T00:00:00.000Z', deleted: 7, present: true },
      { table: 'audit_events', cutoff: '2025-12-31T00:00:00.000Z', deleted: 0, present: false },
    ]);
    expect(calls).toEqual(['ai_requests', 'ai_requests', 'ai_requests', 'governance_decisions']);
  });
});
