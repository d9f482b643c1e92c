import { type ArgumentMetadata, BadRequestException, Injectable, type PipeTransform, ValidationPipe } from '@nestjs/common';
import { validate } from 'class-validator';
import { flattenValidationErrors } from './validation.pipe';

const LENIENT = Symbol('lenient-body');

/**
 * Marks a DTO that checks only the fields the gateway needs and lets every other field through
 * untouched: wire formats owned by others (Anthropic, OpenAI, MCP) gain fields over time, and a
 * proxy must not refuse them. The global pipe skips such DTOs; `LenientBodyPipe` validates them.
 */
export function LenientBody(): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(LENIENT, true, target);
  };
}

export function isLenientBody(metatype: unknown): boolean {
  return typeof metatype === 'function' && Reflect.getMetadata(LENIENT, metatype) === true;
}

/**
 * Validates the declared fields, keeps unknown ones, returns the body as sent. class-validator
 * checks a shallow instance of the DTO: `ValidationPipe` would first deep-copy the whole body
 * through class-transformer, which on a gateway request (long message histories) costs more
 * than the checks themselves, for a copy that is then thrown away.
 */
@Injectable()
export class LenientBodyValidator implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    if (typeof metatype !== 'function' || !isLenientBody(metatype)) return value;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new BadRequestException({ message: ['the request body must be a JSON object'], error: 'Bad Request' });
    }
    const instance = Object.assign(Object.create(metatype.prototype as object) as object, value);
    // class-validator finds the rules through `instance.constructor`: a body with its own
    // "constructor" key would otherwise be checked against no rules at all (found by the fuzz tier).
    Object.defineProperty(instance, 'constructor', { value: metatype });
    const errors = await validate(instance, { whitelist: false, forbidNonWhitelisted: false, forbidUnknownValues: true });
    if (errors.length > 0) throw new BadRequestException({ message: flattenValidationErrors(errors), error: 'Bad Request' });
    return value;
  }
}

export const LenientBodyPipe = new LenientBodyValidator();

/** The global pipe, minus lenient bodies. */
export class StrictValidationPipe extends ValidationPipe {
  protected override toValidate(metadata: ArgumentMetadata): boolean {
    return !isLenientBody(metadata.metatype) && super.toValidate(metadata);
  }
}
