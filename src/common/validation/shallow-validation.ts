import { BadRequestException } from '@nestjs/common';
import { validate } from 'class-validator';
import { flattenValidationErrors } from './validation-errors';

/**
 * Checks a JSON body against a DTO's rules on a shallow instance (the body's own fields on the
 * DTO's prototype) and returns nothing: the caller keeps the body as sent. `ValidationPipe`
 * first deep-copies the whole body through class-transformer, which for large or deeply
 * nested opaque values (message histories, tool arguments) costs more than the checks.
 * `strict` refuses fields the DTO does not declare.
 */
export async function validateShallow(value: unknown, metatype: new (...args: never[]) => unknown, strict: boolean): Promise<void> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BadRequestException({ message: ['the request body must be a JSON object'], error: 'Bad Request' });
  }
  const instance = Object.assign(Object.create(metatype.prototype as object) as object, value);
  // class-validator finds the rules through `instance.constructor`: a body with its own
  // "constructor" key would otherwise be checked against no rules at all (found by the fuzz tier).
  Object.defineProperty(instance, 'constructor', { value: metatype });
  const errors = await validate(instance, { whitelist: strict, forbidNonWhitelisted: strict, forbidUnknownValues: true });
  if (errors.length > 0) throw new BadRequestException({ message: flattenValidationErrors(errors), error: 'Bad Request' });
}
