import { DomainError } from '../../../common/errors/domain.error';

export type CoworkExchangeErrorCode = 'NOT_IMPLEMENTED' | 'PAT_REQUIRED';

export const COWORK_EXCHANGE_ERROR_STATUS = {
  NOT_IMPLEMENTED: 501,
  PAT_REQUIRED: 401,
} as const satisfies Record<CoworkExchangeErrorCode, number>;

/**
 * Credential-helper exchange failures. Under /v1/* they take the Anthropic error shape, except
 * `not_implemented`, whose `{error, message}` body is what the helper reads to fall through.
 */
export class CoworkExchangeError extends DomainError<CoworkExchangeErrorCode> {
  get status(): number {
    return COWORK_EXCHANGE_ERROR_STATUS[this.code];
  }

  get body(): Record<string, unknown> | undefined {
    return this.code === 'NOT_IMPLEMENTED' ? { error: 'not_implemented', message: this.message } : undefined;
  }
}
