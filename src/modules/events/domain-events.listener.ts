import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DOMAIN_EVENT_NAMES, type DomainEventMap, type DomainEventName } from '../../common/events/domain-events';
import { redactSecrets } from './siem/secret-redaction';
import { SiemExportService } from './siem/siem-export.service';
import { EventHubService } from './stream/event-hub.service';
import { EventIdFactory } from './stream/event-id.factory';
import type { ObservedEvent } from './stream/observed-event.types';

/**
 * Listens to every domain event this replica emits, stamps it with an id, redacts it once,
 * and hands it to the SSE hub (which also tells the other replicas) and to the SIEM export.
 * Never throws into the emitter: a producer must not fail because observing it did.
 */
@Injectable()
export class DomainEventsListener implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('DomainEventsListener');
  private readonly listeners = new Map<DomainEventName, (payload: unknown) => void>();

  constructor(
    private readonly emitter: EventEmitter2,
    private readonly ids: EventIdFactory,
    private readonly hub: EventHubService,
    private readonly siem: SiemExportService,
  ) {}

  onModuleInit(): void {
    for (const name of DOMAIN_EVENT_NAMES) {
      const listener = (payload: unknown) => this.observe(name, payload as DomainEventMap[typeof name]);
      this.listeners.set(name, listener);
      this.emitter.on(name, listener);
    }
  }

  onModuleDestroy(): void {
    for (const [name, listener] of this.listeners) this.emitter.off(name, listener);
    this.listeners.clear();
  }

  private observe<N extends DomainEventName>(name: N, payload: DomainEventMap[N]): void {
    try {
      const event: ObservedEvent<N> = { id: this.ids.next(), name, origin: this.ids.replica, payload: redactSecrets(payload) };
      this.hub.publishLocal(event as ObservedEvent);
      this.siem.export(event as ObservedEvent);
    } catch (err) {
      this.logger.warn(`observing ${name} failed: ${(err as Error).message}`);
    }
  }
}
