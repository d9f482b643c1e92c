import { DomainError } from '../../common/errors/domain.error';

export type ContentErrorCode = 'SKILL_NOT_FOUND' | 'DOCUMENT_NOT_FOUND' | 'SLUG_TAKEN';

export const CONTENT_ERROR_STATUS = {
  SKILL_NOT_FOUND: 404,
  DOCUMENT_NOT_FOUND: 404,
  SLUG_TAKEN: 409,
} as const satisfies Record<ContentErrorCode, number>;

export class ContentError extends DomainError<ContentErrorCode> {
  get status(): number {
    return CONTENT_ERROR_STATUS[this.code];
  }
}
