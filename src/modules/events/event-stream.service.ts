import { Injectable } from '@nestjs/common';
import type { Identity } from '../../common/auth/identity';
import { DOMAIN_EVENT_NAMES, type DomainEventName } from '../../common/events/domain-events';
import { EventsError } from './events.errors';
import { isEventId } from './stream/event-id.factory';
import { EventHubService } from './stream/event-hub.service';
import type { SseSink, SseSubscriber } from './stream/sse-subscriber';

export interface StreamRequest {
  types: ReadonlySet<DomainEventName> | null;
  lastEventId: string | null;
}

/** The SSE use case: validate what the caller asks for, then attach them to the hub. */
@Injectable()
export class EventStreamService {
  constructor(private readonly hub: EventHubService) {}

  /** Checks everything that can be refused with a status, before the stream starts. */
  prepare(rawTypes: string | undefined, lastEventId: string | null): StreamRequest {
    if (lastEventId !== null && !isEventId(lastEventId)) throw new EventsError('INVALID_LAST_EVENT_ID', 'Last-Event-ID is not an id this stream issued');
    if (this.hub.capacityLeft <= 0) throw new EventsError('TOO_MANY_SUBSCRIBERS', 'Too many event-stream subscribers on this replica; retry later');
    return { types: parseTypes(rawTypes), lastEventId };
  }

  open(identity: Identity, sink: SseSink, request: StreamRequest): SseSubscriber {
    return this.hub.open(sink, { identity, types: request.types }, request.lastEventId);
  }
}

function parseTypes(raw: string | undefined): ReadonlySet<DomainEventName> | null {
  if (raw === undefined || raw.trim() === '') return null;
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(DOMAIN_EVENT_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0) throw new EventsError('UNKNOWN_EVENT_TYPE', `Unknown event type(s): ${unknown.join(', ')}; expected any of ${DOMAIN_EVENT_NAMES.join(', ')}`);
  return new Set(names as DomainEventName[]);
}
