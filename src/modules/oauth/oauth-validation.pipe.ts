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
  const plain = typeof value === 'object' && value !== null ? withoutValueless(value) : {};
  const instance = plainToInstance(metatype, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: false });
  if (errors.length > 0) throw new OAuthError(code, flattenValidationErrors(errors).join('; '));
  return instance;
}

/**
 * RFC 6749 §3.1: "Parameters sent without a value MUST be treated as if they were omitted from
 * the request." In a JSON body that is `null`: `@IsOptional()` lets it through, and code that
 * reads an optional parameter as `string | undefined` then failed on it (a 500).
 */
function withoutValueless(value: object): object {
  if (Array.isArray(value) || !Object.values(value).includes(null)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));
}
