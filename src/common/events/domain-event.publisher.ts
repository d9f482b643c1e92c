import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { DomainEventMap, DomainEventName } from './domain-events';

/** Typed emit: a payload that does not match its event name does not compile. */
@Injectable()
export class DomainEventPublisher {
  constructor(private readonly emitter: EventEmitter2) {}

  emit<N extends DomainEventName>(name: N, payload: Omit<DomainEventMap[N], 'occurred_at'> & { occurred_at?: string }): void {
    // Copied only when the time must be added: the gateway's events carry it already.
    this.emitter.emit(name, payload.occurred_at === undefined ? { ...payload, occurred_at: new Date().toISOString() } : payload);
  }
}
