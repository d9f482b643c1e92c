import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors } from '../../common/validation/validation-errors';
import { OAuthError, type OAuthErrorCode } from './oauth.errors';

/**
 * Validates an OAuth request DTO (marked `@LenientBody()`, so the global pipe leaves it alone)
 * and answers a bad one with an RFC 6749 error instead of the REST shape. Unknown parameters are
 * dropped, as the OAuth RFCs require of servers.
 */
@Injectable()
export class OAuthValidationPipe implements PipeTransform {
  constructor(private readonly code: OAuthErrorCode = 'INVALID_REQUEST') {}

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    if (typeof metatype !== 'function' || metatype === Object || metatype === String) return value;
    return validateOAuthDto(metatype as new () => object, value, this.code);
  }
}

/** The DTO instance of `value`, or the OAuth error `code` naming each bad field. */
export async function validateOAuthDto<T extends object>(metatype: new () => T, value: unknown, code: OAuthErrorCode): Promise<T> {
  const plain = typeof value === 'object' && value !== null ? value : {};
  const instance = plainToInstance(metatype, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: false });
  if (errors.length > 0) throw new OAuthError(code, flattenValidationErrors(errors).join('; '));
  return instance;
}
