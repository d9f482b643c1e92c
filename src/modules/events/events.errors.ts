import { DomainError } from '../../common/errors/domain.error';

export type EventsErrorCode = 'UNKNOWN_EVENT_TYPE' | 'INVALID_LAST_EVENT_ID' | 'TOO_MANY_SUBSCRIBERS';

export const EVENTS_ERROR_STATUS = {
  UNKNOWN_EVENT_TYPE: 400,
  INVALID_LAST_EVENT_ID: 400,
  TOO_MANY_SUBSCRIBERS: 503,
} as const satisfies Record<EventsErrorCode, number>;

export class EventsError extends DomainError<EventsErrorCode> {
  get status(): number {
    return EVENTS_ERROR_STATUS[this.code];
  }
}
