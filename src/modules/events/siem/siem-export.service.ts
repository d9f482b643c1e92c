import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { AppConfig } from '../../../bootstrap/config/app-config';
import { BootstrapError } from '../../../bootstrap/bootstrap.error';
import { APP_CONFIG, BOOTSTRAP_OPTIONS } from '../../../bootstrap/bootstrap.tokens';
import type { SystempromptOptions } from '../../../bootstrap/extension.types';
import { MetricsService } from '../../../common/metrics/metrics.service';
import type { ObservedEvent } from '../stream/observed-event.types';
import { CoalescedLineWriter } from './coalesced-line-writer';
import { type EcsHost, toEcs } from './ecs-event.mapper';
import type { ExportHooks } from './export-queue';
import { SyslogExporter } from './syslog.exporter';
import { WebhookExporter } from './webhook.exporter';

const SHUTDOWN_FLUSH_MS = { server: 10_000, cli: 3000 };

/**
 * Every local event as one ECS JSON line on stdout (not in CLI mode, whose stdout is the
 * command's output), and to the optional webhook and syslog exporters.
 */
@Injectable()
export class SiemExportService implements OnModuleDestroy {
  private readonly logger = new Logger('SiemExport');
  private readonly host: EcsHost = { hostname: hostname(), serviceName: 'systemprompt' };
  private readonly stdout: CoalescedLineWriter | null;
  private readonly webhook: WebhookExporter | null;
  private readonly syslog: SyslogExporter | null;
  private readonly mode: 'server' | 'cli';

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(BOOTSTRAP_OPTIONS) options: SystempromptOptions, metrics: MetricsService) {
    const siem = config.observability.siem;
    this.mode = options.mode ?? 'server';
    const writesStdout = siem.stdout && this.mode === 'server' && config.runtime.log_level !== 'silent';
    this.stdout = writesStdout ? new CoalescedLineWriter(options.logDestination ?? process.stdout) : null;
    const hooks = (exporter: string) => this.hooks(metrics, exporter);
    this.webhook = siem.webhook ? new WebhookExporter(siem.webhook, webhookAuthorization(config), hooks('webhook')) : null;
    this.syslog = siem.syslog ? new SyslogExporter(siem.syslog, this.host.hostname, hooks(`syslog_${siem.syslog.protocol}`)) : null;
    const depths = [...(this.webhook ? [{ labels: { exporter: 'webhook' }, exporter: this.webhook }] : []), ...(this.syslog ? [{ labels: { exporter: 'syslog' }, exporter: this.syslog }] : [])];
    metrics.registerGauge({ name: 'sp_siem_export_queue_depth', help: 'Events waiting in a SIEM exporter queue', labelNames: ['exporter'] as const, collect: () => depths.map((d) => ({ labels: d.labels, value: d.exporter.depth })) });
  }

  export(event: ObservedEvent): void {
    const document = toEcs(event, this.host);
    this.stdout?.write(`${JSON.stringify(document)}\n`);
    this.webhook?.export(document);
    this.syslog?.export(document);
  }

  async onModuleDestroy(): Promise<void> {
    this.stdout?.flush();
    const deadline = Date.now() + SHUTDOWN_FLUSH_MS[this.mode];
    await Promise.all([this.webhook?.flush(deadline), this.syslog?.flush(deadline)]);
    this.webhook?.close();
    this.syslog?.close();
  }

  private hooks(metrics: MetricsService, exporter: string): ExportHooks {
    const sent = metrics.counter({ name: 'sp_siem_exported_total', help: 'Events delivered to a SIEM exporter', labelNames: ['exporter'] as const });
    const dropped = metrics.counter({ name: 'sp_siem_export_dropped_total', help: 'Events a SIEM exporter dropped (queue full, or retries exhausted)', labelNames: ['exporter', 'reason'] as const });
    const failures = metrics.counter({ name: 'sp_siem_export_failures_total', help: 'Failed SIEM export attempts (each retried or dropped)', labelNames: ['exporter'] as const });
    let droppedSoFar = 0;
    return {
      sent: (n) => sent.inc({ exporter }, n),
      dropped: (n, reason) => {
        dropped.inc({ exporter, reason }, n);
        // A full queue drops on every event: log the first drop and then every 1000th.
        const before = droppedSoFar;
        droppedSoFar += n;
        if (before === 0 || Math.floor(before / 1000) !== Math.floor(droppedSoFar / 1000)) this.logger.warn(`${exporter}: ${droppedSoFar} event(s) dropped so far (last: ${reason})`);
      },
      failed: (err) => {
        failures.inc({ exporter });
        this.logger.warn(`${exporter}: export failed: ${err.message}`);
      },
    };
  }
}

function webhookAuthorization(config: AppConfig): string | null {
  const name = config.observability.siem.webhook?.auth_secret;
  if (!name) return null;
  const value = config.secrets.custom[name];
  if (!value) throw new BootstrapError('config', config.profileFile, 'observability.siem.webhook.auth_secret', `names secret '${name}', which is not set (SYSTEMPROMPT_SECRET_${name.toUpperCase()})`);
  return value;
}
