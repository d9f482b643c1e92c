import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { AppConfig } from '../../../bootstrap/config/app-config';
import { APP_CONFIG, BOOTSTRAP_OPTIONS } from '../../../bootstrap/bootstrap.tokens';
import type { SystempromptOptions } from '../../../bootstrap/extension.types';
import { Clock } from '../../../common/clock/clock.provider';
import { MetricsService } from '../../../common/metrics/metrics.service';
import { RETENTION_TABLES, RetentionRepository, type RetentionTable } from './retention.repository';

export interface RetentionOutcome {
  table: RetentionTable;
  cutoff: string;
  deleted: number;
  /** False when the table does not exist (yet) in this database. */
  present: boolean;
}

const FIRST_RUN_DELAY_MS = 60_000;

/**
 * Deletes rows older than `observability.retention` from the append-only tables, in batches,
 * on a schedule (servers only: never in the CLI). One replica prunes at a time.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Retention');
  private running: Promise<RetentionOutcome[] | null> | null = null;
  private readonly deletedRows;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(BOOTSTRAP_OPTIONS) private readonly options: SystempromptOptions,
    private readonly repository: RetentionRepository,
    private readonly scheduler: SchedulerRegistry,
    private readonly clock: Clock,
    metrics: MetricsService,
  ) {
    this.deletedRows = metrics.counter({ name: 'sp_retention_deleted_rows_total', help: 'Rows deleted by the retention job', labelNames: ['table'] as const });
  }

  onApplicationBootstrap(): void {
    const retention = this.config.observability.retention;
    if (!retention.enabled || this.options.mode === 'cli') return;
    const tick = () => void this.runOnce().catch((err: Error) => this.logger.error(`retention run failed: ${err.message}`));
    this.scheduler.addTimeout('observability-retention-first', unrefd(setTimeout(tick, FIRST_RUN_DELAY_MS)));
    this.scheduler.addInterval('observability-retention', unrefd(setInterval(tick, retention.interval_minutes * 60_000)));
  }

  /** One pass over every table; null when another replica is pruning right now. */
  runOnce(): Promise<RetentionOutcome[] | null> {
    this.running ??= this.repository.unlessRunningElsewhere(() => this.prune()).finally(() => (this.running = null));
    return this.running;
  }

  private async prune(): Promise<RetentionOutcome[]> {
    const settings = this.config.observability.retention;
    const now = this.clock.nowMs();
    const outcomes: RetentionOutcome[] = [];
    for (const table of RETENTION_TABLES) {
      const days = settings[`${table}_days`] ?? settings.days;
      const cutoff = new Date(now - days * 86_400_000);
      if (!(await this.repository.exists(table))) {
        outcomes.push({ table, cutoff: cutoff.toISOString(), deleted: 0, present: false });
        continue;
      }
      let deleted = 0;
      for (;;) {
        const batch = await this.repository.deleteBatch(table, cutoff, settings.batch_size);
        deleted += batch;
        this.deletedRows.inc({ table }, batch);
        if (batch < settings.batch_size) break;
      }
      if (deleted > 0) this.logger.log(`${table}: deleted ${deleted} row(s) created before ${cutoff.toISOString()}`);
      outcomes.push({ table, cutoff: cutoff.toISOString(), deleted, present: true });
    }
    return outcomes;
  }
}

function unrefd<T extends NodeJS.Timeout>(timer: T): T {
  timer.unref();
  return timer;
}
