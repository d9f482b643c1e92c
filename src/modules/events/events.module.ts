import { Module } from '@nestjs/common';
import { DomainEventsListener } from './domain-events.listener';
import { EventStreamService } from './event-stream.service';
import { EventsController } from './events.controller';
import { DomainMetricsListener } from './metrics/domain-metrics.listener';
import { SiemExportService } from './siem/siem-export.service';
import { EventHubService } from './stream/event-hub.service';
import { EventIdFactory } from './stream/event-id.factory';

/**
 * Observability of domain events: the SSE stream (`/api/v1/events/stream`, fanned out across
 * replicas over pub/sub), the SIEM export (ECS JSON on stdout, webhook, syslog) and the
 * Prometheus counters fed by events. It only listens: no other module is imported.
 */
@Module({
  controllers: [EventsController],
  providers: [EventIdFactory, EventHubService, EventStreamService, SiemExportService, DomainEventsListener, DomainMetricsListener],
})
export class EventsModule {}
