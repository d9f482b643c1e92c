import { DomainError } from '../../../common/errors/domain.error';

export type PasskeysErrorCode = 'ENROLMENT_INVALID' | 'CHALLENGE_INVALID' | 'PASSKEY_REJECTED' | 'USER_NOT_FOUND' | 'RETURN_TO_INVALID';

export const PASSKEYS_ERROR_STATUS = {
  ENROLMENT_INVALID: 400,
  CHALLENGE_INVALID: 400,
  PASSKEY_REJECTED: 401,
  USER_NOT_FOUND: 404,
  RETURN_TO_INVALID: 400,
} as const satisfies Record<PasskeysErrorCode, number>;

/** Enrolment and passkey ceremony failures (REST error shape). */
export class PasskeysError extends DomainError<PasskeysErrorCode> {
  get status(): number {
    return PASSKEYS_ERROR_STATUS[this.code];
  }
}
