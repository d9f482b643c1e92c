import { DomainError } from '../../common/errors/domain.error';

export type UsersErrorCode =
  | 'USER_NOT_FOUND'
  | 'TOKEN_NOT_FOUND'
  | 'EMAIL_TAKEN'
  | 'FORBIDDEN'
  | 'OWN_ROLE_CHANGE'
  | 'SCOPE_NOT_ALLOWED'
  | 'UNKNOWN_SCOPE'
  | 'EXPIRY_IN_PAST'
  | 'INVALID_ADMIN_PAT';

export const USERS_ERROR_STATUS = {
  USER_NOT_FOUND: 404,
  TOKEN_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  FORBIDDEN: 403,
  OWN_ROLE_CHANGE: 403,
  SCOPE_NOT_ALLOWED: 400,
  UNKNOWN_SCOPE: 400,
  EXPIRY_IN_PAST: 400,
  INVALID_ADMIN_PAT: 500,
} as const satisfies Record<UsersErrorCode, number>;

export class UsersError extends DomainError<UsersErrorCode> {
  get status(): number {
    return USERS_ERROR_STATUS[this.code];
  }
}
