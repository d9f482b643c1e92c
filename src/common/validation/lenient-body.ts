import { type ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
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

/** Validates the declared fields, keeps unknown ones, returns the body as sent. */
export const LenientBodyPipe = new ValidationPipe({
  whitelist: false,
  forbidNonWhitelisted: false,
  transform: false,
  exceptionFactory: (errors) => new BadRequestException({ message: flattenValidationErrors(errors), error: 'Bad Request' }),
});

/** The global pipe, minus lenient bodies. */
export class StrictValidationPipe extends ValidationPipe {
  protected override toValidate(metadata: ArgumentMetadata): boolean {
    return !isLenientBody(metadata.metatype) && super.toValidate(metadata);
  }
}
