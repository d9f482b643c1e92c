import type { DomainEventMap, DomainEventName } from '../../../common/events/domain-events';

/**
 * One domain event as the events module sees it: stamped with a cluster-unique, sortable id
 * and the replica it happened on, its payload already redacted. This is also the message
 * replicas exchange over pub/sub.
 */
export interface ObservedEvent<N extends DomainEventName = DomainEventName> {
  id: string;
  name: N;
  origin: string;
  payload: DomainEventMap[N];
}

/** What a replica keeps per event: visibility data and the SSE frame (serialized at most once). */
export interface StreamedEvent {
  id: string;
  name: DomainEventName;
  userId: string | null;
  readonly frame: string;
}
