import type { SyslogExporterProfile } from '../../../bootstrap/profile/observability.schema';
import { type ExportHooks, ExportQueue } from './export-queue';
import { formatSyslog, SEVERITY, type SyslogHeader } from './syslog-format';
import { createSyslogTransport, type SyslogTransport } from './syslog-transport';

interface EcsLike {
  '@timestamp'?: unknown;
  event?: { id?: unknown; action?: unknown; outcome?: unknown; kind?: unknown };
  trace?: { id?: unknown };
  user?: { id?: unknown };
}

/**
 * Each ECS document as one RFC 5424 message (MSGID = the event name, structured data with the
 * ids, MSG = the ECS JSON) over TCP or UDP, through a bounded retrying queue.
 */
export class SyslogExporter {
  private readonly queue: ExportQueue<string>;
  private readonly header: SyslogHeader;

  constructor(
    config: SyslogExporterProfile,
    hostname: string,
    hooks: ExportHooks,
    private readonly transport: SyslogTransport = createSyslogTransport(config.protocol, config.host, config.port),
  ) {
    this.header = { facility: config.facility, appName: config.app_name, hostname, procId: String(process.pid) };
    this.queue = new ExportQueue((batch) => this.transport.send(batch), {
      maxQueue: config.max_queue,
      batchSize: 100,
      flushIntervalMs: 200,
      maxRetries: 5,
      retryBaseMs: 500,
    }, hooks);
  }

  get depth(): number {
    return this.queue.depth;
  }

  export(document: Record<string, unknown>): void {
    const doc = document as EcsLike;
    const failure = doc.event?.outcome === 'failure' || doc.event?.kind === 'alert';
    this.queue.enqueue(
      formatSyslog(this.header, {
        timestamp: String(doc['@timestamp'] ?? new Date().toISOString()),
        severity: failure ? SEVERITY.warning : SEVERITY.informational,
        msgId: String(doc.event?.action ?? 'event'),
        params: { event_id: str(doc.event?.id), trace_id: str(doc.trace?.id), user_id: str(doc.user?.id), outcome: str(doc.event?.outcome) },
        message: JSON.stringify(document),
      }),
    );
  }

  flush(deadline: number): Promise<void> {
    return this.queue.flush(deadline);
  }

  close(): void {
    this.queue.close();
    this.transport.close();
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
