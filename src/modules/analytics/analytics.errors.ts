import { DomainError } from '../../common/errors/domain.error';

export type AnalyticsErrorCode = 'GROUP_BY_NOT_APPLICABLE' | 'INVALID_RANGE';

export const ANALYTICS_ERROR_STATUS = {
  GROUP_BY_NOT_APPLICABLE: 400,
  INVALID_RANGE: 400,
} as const satisfies Record<AnalyticsErrorCode, number>;

export class AnalyticsError extends DomainError<AnalyticsErrorCode> {
  get status(): number {
    return ANALYTICS_ERROR_STATUS[this.code];
  }
}
