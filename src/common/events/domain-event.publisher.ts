import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { DomainEventMap, DomainEventName } from './domain-events';

/** Typed emit: a payload that does not match its event name does not compile. */
@Injectable()
export class DomainEventPublisher {
  constructor(private readonly emitter: EventEmitter2) {}

  emit<N extends DomainEventName>(name: N, payload: Omit<DomainEventMap[N], 'occurred_at'> & { occurred_at?: string }): void {
    // Copied only when the time must be added: the gateway's and governance's events carry it
    // already. Object.assign, not `{ ...payload, occurred_at }`: on Node 20's V8 an object that
    // starts with a spread and then gains a key gets a hidden class of its own, allocated in the
    // old generation, so every event left garbage that only a mark-compact frees
    // (docs/benchmarks.md, ninth session).
    this.emitter.emit(name, payload.occurred_at === undefined ? Object.assign({}, payload, { occurred_at: new Date().toISOString() }) : payload);
  }
}
