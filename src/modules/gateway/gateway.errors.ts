import { DomainError } from '../../common/errors/domain.error';

export type GatewayErrorCode =
  | 'INVALID_REQUEST'
  | 'ROUTE_NOT_FOUND'
  | 'NO_UPSTREAM_CREDENTIAL'
  | 'RATE_LIMITED'
  | 'BUDGET_EXCEEDED'
  | 'LIMITS_UNAVAILABLE'
  | 'PROMPT_DENIED';

export const GATEWAY_ERROR_STATUS = {
  INVALID_REQUEST: 400,
  ROUTE_NOT_FOUND: 404,
  NO_UPSTREAM_CREDENTIAL: 502,
  RATE_LIMITED: 429,
  BUDGET_EXCEEDED: 429,
  LIMITS_UNAVAILABLE: 503,
  PROMPT_DENIED: 403,
} as const satisfies Record<GatewayErrorCode, number>;

export class GatewayError extends DomainError<GatewayErrorCode> {
  constructor(
    code: GatewayErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(code, message);
  }
  get status(): number {
    return GATEWAY_ERROR_STATUS[this.code];
  }
}
